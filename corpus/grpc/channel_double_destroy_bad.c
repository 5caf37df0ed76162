/* Exercises: the channel destroyed on the probe-failure branch and again
   at the end of the function: a double release. */
#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <stdio.h>

int probe_target(const char *target) {
  int ret = 0;
  grpc_channel_credentials *creds = grpc_insecure_credentials_create();
  grpc_channel *ch = grpc_channel_create(target, creds, NULL);
  grpc_channel_credentials_release(creds);
  if (!ch) return -1;
  if (grpc_channel_check_connectivity_state(ch, 1) == GRPC_CHANNEL_SHUTDOWN) {
    fprintf(stderr, "%s: channel shut down\n", target);
    grpc_channel_destroy(ch);
    ret = -1;
  }
  grpc_channel_destroy(ch); // expect: connlint-double-release
  return ret;
}
