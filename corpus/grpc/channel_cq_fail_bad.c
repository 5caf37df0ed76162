/* Exercises: partial acquisition of a channel and a completion queue; the
   channel leaks when the queue cannot be created. */
#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <stdio.h>

struct rpc_client {
  grpc_channel *channel;
  grpc_completion_queue *cq;
};

int rpc_client_open(struct rpc_client *cl, const char *target) {
  grpc_channel_credentials *creds = grpc_insecure_credentials_create();
  grpc_channel *ch = grpc_channel_create(target, creds, NULL); // expect: connlint-grpc-leak
  grpc_channel_credentials_release(creds);
  if (!ch) return -1;
  grpc_completion_queue *cq = grpc_completion_queue_create_for_pluck(NULL);
  if (!cq) {
    fprintf(stderr, "rpc: cannot create completion queue\n");
    return -1;
  }
  cl->channel = ch;
  cl->cq = cq;
  return 0;
}
