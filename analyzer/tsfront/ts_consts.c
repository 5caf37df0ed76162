/*
 * ts_consts.c - the values of the constants that the built-in rule packs'
 * success tests are written against, for code read without its headers.
 *
 * `if (sqlite3_prepare_v2(...) != SQLITE_OK)` decides whether a statement
 * was acquired only if SQLITE_OK is known to be 0; without the header it
 * would be an unknown value, and both outcomes would stay possible. The
 * values are those of Debian 12's headers, which tests/unit/test_tsfront.c
 * checks them against, so a wrong entry fails the suite.
 */
#include "tsfront_int.h"

#include <string.h>

static const struct {
  const char *name;
  long value;
} known[] = {
    {"EOF", -1},
    {"EXIT_SUCCESS", 0},
    {"EXIT_FAILURE", 1},
    {"STDIN_FILENO", 0},
    {"STDOUT_FILENO", 1},
    {"STDERR_FILENO", 2},
    {"MAP_FAILED", -1},
    {"SEEK_SET", 0},
    {"SEEK_CUR", 1},
    {"SEEK_END", 2},
    {"F_OK", 0},
    {"F_SETFD", 2},
    {"DT_REG", 8},
    {"DT_DIR", 4},
    {"EINTR", 4},
    {"EAGAIN", 11},
    {"EWOULDBLOCK", 11},
    {"EINPROGRESS", 115},
    {"ENOENT", 2},
    {"EEXIST", 17},
    {"ENXIO", 6},
    {"ENOMEM", 12},
    {"EBUSY", 16},
    {"ETIMEDOUT", 110},
    {"PTHREAD_CREATE_DETACHED", 1},
    {"PTHREAD_CREATE_JOINABLE", 0},
    {"SIG_ERR", -1},
    {"SQLITE_OK", 0},
    {"SQLITE_ERROR", 1},
    {"SQLITE_BUSY", 5},
    {"SQLITE_ROW", 100},
    {"SQLITE_DONE", 101},
    {"CURLE_OK", 0},
    {"CURLM_OK", 0},
    {"CURLSHE_OK", 0},
    {"CURLUE_OK", 0},
    {"CURLMSG_DONE", 1},
    {"PGRES_COMMAND_OK", 1},
    {"PGRES_TUPLES_OK", 2},
    {"PGRES_EMPTY_QUERY", 0},
    {"PGRES_FATAL_ERROR", 7},
    {"PGRES_COPY_IN", 4},
    {"PGRES_COPY_OUT", 3},
    {"PGRES_SINGLE_TUPLE", 9},
    {"CONNECTION_OK", 0},
    {"CONNECTION_BAD", 1},
    {"PGRES_POLLING_READING", 1},
    {"PGRES_POLLING_WRITING", 2},
    {"PGRES_POLLING_OK", 3},
    {"PGRES_POLLING_FAILED", 0},
    {"REDIS_OK", 0},
    {"REDIS_ERR", -1},
    {"REDIS_REPLY_STRING", 1},
    {"REDIS_REPLY_ARRAY", 2},
    {"REDIS_REPLY_INTEGER", 3},
    {"REDIS_REPLY_NIL", 4},
    {"REDIS_REPLY_STATUS", 5},
    {"REDIS_REPLY_ERROR", 6},
    {"MHD_YES", 1},
    {"MHD_NO", 0},
    {"GRPC_CALL_OK", 0},
    {"GRPC_OP_COMPLETE", 2},
    {"GRPC_QUEUE_SHUTDOWN", 0},
    {"GRPC_QUEUE_TIMEOUT", 1},
    {"GRPC_CHANNEL_SHUTDOWN", 4},
    {"SSL_ERROR_NONE", 0},
    {"X509_V_OK", 0},
};

bool ts_known_constant(const char *name, long *value) {
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcmp(known[i].name, name) == 0) {
      *value = known[i].value;
      return true;
    }
  return false;
}
