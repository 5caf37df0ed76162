/* Exercises: a call leaked when grpc_call_start_batch is rejected; the
   channel and queue belong to the caller. */
#include <grpc/grpc.h>
#include <grpc/support/time.h>
#include <string.h>

int rpc_ping(grpc_channel *ch, grpc_completion_queue *cq, grpc_status_code *status) {
  gpr_timespec deadline =
      gpr_time_add(gpr_now(GPR_CLOCK_REALTIME), gpr_time_from_seconds(5, GPR_TIMESPAN));
  grpc_slice method = grpc_slice_from_static_string("/health.Health/Ping");
  // clang-format off
  grpc_call *call = grpc_channel_create_call(ch, NULL, GRPC_PROPAGATE_DEFAULTS, cq, method, NULL, deadline, NULL); // expect: connlint-grpc-leak
  // clang-format on
  if (!call) return -1;
  grpc_metadata_array trailing;
  grpc_metadata_array_init(&trailing);
  grpc_slice details;
  grpc_op ops[3];
  memset(ops, 0, sizeof ops);
  ops[0].op = GRPC_OP_SEND_INITIAL_METADATA;
  ops[1].op = GRPC_OP_SEND_CLOSE_FROM_CLIENT;
  ops[2].op = GRPC_OP_RECV_STATUS_ON_CLIENT;
  ops[2].data.recv_status_on_client.trailing_metadata = &trailing;
  ops[2].data.recv_status_on_client.status = status;
  ops[2].data.recv_status_on_client.status_details = &details;
  if (grpc_call_start_batch(call, ops, 3, (void *)1, NULL) != GRPC_CALL_OK) {
    grpc_metadata_array_destroy(&trailing);
    return -1;
  }
  grpc_event ev = grpc_completion_queue_pluck(cq, (void *)1, deadline, NULL);
  grpc_metadata_array_destroy(&trailing);
  if (ev.type == GRPC_OP_COMPLETE && ev.success) grpc_slice_unref(details);
  grpc_call_unref(call);
  return ev.success ? 0 : -1;
}
