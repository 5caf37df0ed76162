/* Exercises: a `continue` that skips grpc_call_unref when a batch is
   rejected, in a loop issuing one call per method. */
#include <grpc/grpc.h>
#include <grpc/support/time.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int warm_up(grpc_channel *ch, grpc_completion_queue *cq, const char *const *methods, int n) {
  int ok = 0;
  gpr_timespec deadline = gpr_inf_future(GPR_CLOCK_REALTIME);
  for (int i = 0; i < n; i++) {
    grpc_slice method = grpc_slice_from_static_string(methods[i]);
    // clang-format off
    grpc_call *call = grpc_channel_create_call(ch, NULL, GRPC_PROPAGATE_DEFAULTS, cq, method, NULL, deadline, NULL); // expect: connlint-grpc-leak
    // clang-format on
    if (!call) continue;
    void *tag = (void *)(intptr_t)(i + 1);
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_SEND_INITIAL_METADATA;
    if (grpc_call_start_batch(call, &op, 1, tag, NULL) != GRPC_CALL_OK) {
      fprintf(stderr, "warm-up %s rejected\n", methods[i]);
      continue;
    }
    grpc_event ev = grpc_completion_queue_pluck(cq, tag, deadline, NULL);
    if (ev.success) ok++;
    grpc_call_unref(call);
  }
  return ok;
}
