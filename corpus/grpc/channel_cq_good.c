/* Exercises: the same client; the channel is destroyed when the queue
   fails, both are stored in the caller's struct on success and released
   by rpc_client_close. */
#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <stdio.h>

struct rpc_client {
  grpc_channel *channel;
  grpc_completion_queue *cq;
};

int rpc_client_open(struct rpc_client *cl, const char *target) {
  grpc_channel_credentials *creds = grpc_insecure_credentials_create();
  grpc_channel *ch = grpc_channel_create(target, creds, NULL);
  grpc_channel_credentials_release(creds);
  if (!ch) return -1;
  grpc_completion_queue *cq = grpc_completion_queue_create_for_pluck(NULL);
  if (!cq) {
    fprintf(stderr, "rpc: cannot create completion queue\n");
    grpc_channel_destroy(ch);
    return -1;
  }
  cl->channel = ch;
  cl->cq = cq;
  return 0;
}

void rpc_client_close(struct rpc_client *cl) {
  grpc_completion_queue_shutdown(cl->cq);
  grpc_completion_queue_destroy(cl->cq);
  grpc_channel_destroy(cl->channel);
}
