/* Exercises: a helper starting a call and returning it to its caller (who
   unrefs it), unreffing it itself when the first batch is rejected. */
#include <grpc/grpc.h>
#include <grpc/support/time.h>
#include <string.h>

grpc_call *start_stream(grpc_channel *ch, grpc_completion_queue *cq, const char *method,
                        void *tag) {
  grpc_call *call = grpc_channel_create_call(ch, NULL, GRPC_PROPAGATE_DEFAULTS, cq,
                                             grpc_slice_from_static_string(method), NULL,
                                             gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
  if (call == NULL) return NULL;
  grpc_op op;
  memset(&op, 0, sizeof op);
  op.op = GRPC_OP_SEND_INITIAL_METADATA;
  if (grpc_call_start_batch(call, &op, 1, tag, NULL) != GRPC_CALL_OK) {
    grpc_call_unref(call);
    return NULL;
  }
  return call;
}

void cancel_stream(grpc_call *call) {
  grpc_call_cancel(call, NULL);
  grpc_call_unref(call);
}
