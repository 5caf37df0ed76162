/*
 * lsp_rpc.c - JSON-RPC messages framed by Content-Length headers, and the
 * file:// URIs that name documents.
 *
 * A message is a header block (lines ending in CRLF, at least
 * Content-Length) and a blank line, then exactly that many bytes of JSON.
 * Anything malformed is reported to the caller, which answers with a parse
 * error and goes on: one bad message must not end an editing session.
 */
#include "lsp_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int rpc_read(FILE *in, json_t **msg, const char **bad) {
  *msg = NULL;
  char line[1024];
  long length = -1;
  bool any = false;
  for (;;) {
    if (!fgets(line, sizeof line, in)) {
      if (!any) return 0;
      *bad = "input ended inside a message header";
      return 0;
    }
    any = true;
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = 0;
    if (n == 0) break;
    if (strncasecmp(line, "Content-Length:", 15) == 0) {
      char *end;
      length = strtol(line + 15, &end, 10);
      while (isspace((unsigned char)*end))
        end++;
      if (*end || length < 0) length = -2;
    }
  }
  if (length < 0 || length > RPC_MAX_BYTES) {
    *bad = length == -1 ? "message without Content-Length" : "bad Content-Length";
    if (length > 0) {
      for (long i = 0; i < length && fgetc(in) != EOF; i++) /* skip the body */
        ;
    }
    return -1;
  }
  char *body = malloc((size_t)length + 1);
  if (!body) {
    *bad = "out of memory";
    return -1;
  }
  size_t got = fread(body, 1, (size_t)length, in);
  if (got != (size_t)length) {
    free(body);
    *bad = "input ended inside a message body";
    return 0;
  }
  json_error_t je;
  *msg = json_loadb(body, got, 0, &je);
  free(body);
  if (!*msg || !json_is_object(*msg)) {
    if (*msg) json_decref(*msg);
    *msg = NULL;
    *bad = "message is not a JSON object";
    return -1;
  }
  return 1;
}

void rpc_write(FILE *out, pthread_mutex_t *mu, json_t *msg) {
  json_object_set_new(msg, "jsonrpc", json_string("2.0"));
  char *s = json_dumps(msg, JSON_COMPACT);
  json_decref(msg);
  if (!s) return;
  pthread_mutex_lock(mu);
  fprintf(out, "Content-Length: %zu\r\n\r\n%s", strlen(s), s);
  fflush(out);
  pthread_mutex_unlock(mu);
  free(s);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *uri_to_path(const char *uri) {
  if (!uri || strncmp(uri, "file://", 7) != 0) return NULL;
  const char *s = uri + 7;
  if (*s != '/') { /* file://host/path: only localhost */
    if (strncmp(s, "localhost/", 10) != 0) return NULL;
    s += 9;
  }
  char *out = malloc(strlen(s) + 1), *o = out;
  if (!out) return NULL;
  for (; *s; s++) {
    int h, l;
    if (*s == '%' && (h = hexval(s[1])) >= 0 && (l = hexval(s[2])) >= 0) {
      *o++ = (char)(h * 16 + l);
      s += 2;
    } else {
      *o++ = *s;
    }
  }
  *o = 0;
  return out;
}

char *path_to_uri(const char *path) {
  static const char keep[] = "-._~/!$&'()*+,;=@:";
  char *out = malloc(strlen(path) * 3 + 8), *o = out;
  if (!out) return NULL;
  o += sprintf(o, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (isalnum(*p) || strchr(keep, *p))
      *o++ = (char)*p;
    else
      o += sprintf(o, "%%%02X", *p);
  }
  *o = 0;
  return out;
}
