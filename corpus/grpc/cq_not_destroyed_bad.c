/* Exercises: a completion queue shut down and drained but never destroyed:
   grpc_completion_queue_shutdown does not release it. */
#include <grpc/grpc.h>
#include <grpc/support/time.h>

int wait_ready(grpc_channel *ch, int seconds) {
  grpc_completion_queue *cq;
  cq = grpc_completion_queue_create_for_next(NULL); // expect: connlint-grpc-leak
  if (!cq) return -1;
  gpr_timespec deadline =
      gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC), gpr_time_from_seconds(seconds, GPR_TIMESPAN));
  grpc_connectivity_state st = grpc_channel_check_connectivity_state(ch, 1);
  grpc_channel_watch_connectivity_state(ch, st, deadline, cq, NULL);
  grpc_event ev = grpc_completion_queue_next(cq, gpr_inf_future(GPR_CLOCK_MONOTONIC), NULL);
  grpc_completion_queue_shutdown(cq);
  while (grpc_completion_queue_next(cq, gpr_inf_future(GPR_CLOCK_MONOTONIC), NULL).type !=
         GRPC_QUEUE_SHUTDOWN)
    ;
  return ev.success ? 0 : -1;
}
