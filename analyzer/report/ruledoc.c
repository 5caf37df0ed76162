/*
 * ruledoc.c - the table of fixed rule ids (see ruledoc.h).
 *
 * Severity follows what a leak costs a long-running daemon: exhaustion of
 * descriptors or memory is a denial of service (5.0); a mismatched release
 * corrupts state (6.0); a double release can free or close what another
 * owner now holds (7.0).
 */
#include "ruledoc.h"

#include <string.h>

#define LEAK_HELP(what, release)                                                                   \
  "Release the " what " on every path out of the function, including early returns and error "     \
  "branches: call " release " before each return, or jump to a single cleanup label. If "          \
  "ownership passes elsewhere (stored in a struct, returned, handed to a callback), make that "    \
  "visible to connlint with a rule or an ownership attribute."

static const RuleDoc docs[] = {
    {"connlint-fd-leak", "FdLeak", "File descriptor or socket not closed.",
     "A file descriptor or socket obtained from open(), socket(), accept(), pipe(), dup() or a "
     "similar call is not closed on some path. A daemon that leaks a descriptor per failed "
     "request runs out of descriptors and stops accepting connections.",
     LEAK_HELP("descriptor", "close()"), 775, "5.0"},
    {"connlint-file-leak", "FileLeak", "FILE stream not closed.",
     "A stdio stream from fopen(), fdopen(), tmpfile() or popen() is not closed on some path: its "
     "descriptor and buffer leak, and buffered output may never be written.",
     LEAK_HELP("stream", "fclose() (pclose() for popen())"), 775, "5.0"},
    {"connlint-dir-leak", "DirLeak", "Directory stream not closed.",
     "A directory stream from opendir() or fdopendir() is not closed on some path, leaking its "
     "descriptor and buffer.",
     LEAK_HELP("directory stream", "closedir()"), 775, "5.0"},
    {"connlint-addrinfo-leak", "AddrinfoLeak", "getaddrinfo() result not freed.",
     "The address list that getaddrinfo() allocates is not freed on some path, typically when "
     "connecting to one of the addresses fails and the function returns early.",
     LEAK_HELP("address list", "freeaddrinfo()"), 401, "5.0"},
    {"connlint-memory-leak", "MemoryLeak", "Heap memory not freed.",
     "Memory from malloc(), calloc(), realloc(), strdup(), asprintf(), getline(), mmap() or a "
     "similar call is neither freed nor handed on along some path.",
     LEAK_HELP("memory", "free() (munmap() for mmap())"), 401, "5.0"},
    {"connlint-thread-leak", "ThreadLeak", "Thread neither joined nor detached.",
     "A thread started with pthread_create() is neither joined nor detached on some path: its "
     "stack and bookkeeping stay allocated after it ends.",
     LEAK_HELP("thread", "pthread_join() or pthread_detach()"), 404, "5.0"},
    {"connlint-lock-not-released", "LockNotReleased", "Lock still held when the function returns.",
     "A mutex, read-write lock or spin lock acquired in a function is still held on some path "
     "out of it. The next thread that takes the lock blocks forever.",
     "Unlock on every path out of the function, early returns included; a single unlock at a "
     "cleanup label is the usual fix. A function that returns with a lock held on purpose should "
     "say so with a rule or clang's ownership attributes.",
     667, "5.0"},
    {"connlint-curl-leak", "CurlLeak", "libcurl handle not cleaned up.",
     "A libcurl easy or multi handle, header list, URL handle or MIME structure is not released "
     "on some path: each leaked easy handle keeps its connection cache and buffers.",
     LEAK_HELP("handle", "curl_easy_cleanup(), curl_multi_cleanup(), curl_slist_free_all(), "
                         "curl_url_cleanup() or curl_mime_free()"),
     772, "5.0"},
    {"connlint-pq-leak", "PqLeak", "PostgreSQL connection or result not released.",
     "A libpq connection from PQconnectdb() (released by PQfinish() even when connecting failed) "
     "or a result from PQexec() and friends (released by PQclear()) leaks on some path, "
     "typically the error branch after checking the result status.",
     LEAK_HELP("connection or result", "PQfinish() or PQclear()"), 772, "5.0"},
    {"connlint-redis-leak", "RedisLeak", "Redis context or reply not freed.",
     "A hiredis context from redisConnect() or a reply from redisCommand() is not freed on some "
     "path.",
     LEAK_HELP("context or reply", "redisFree() or freeReplyObject()"), 772, "5.0"},
    {"connlint-sqlite-leak", "SqliteLeak", "SQLite handle or statement not released.",
     "A database handle from sqlite3_open() (which needs sqlite3_close() even when opening "
     "failed) or a statement from sqlite3_prepare_v2() leaks on some path.",
     LEAK_HELP("handle or statement", "sqlite3_close() or sqlite3_finalize()"), 772, "5.0"},
    {"connlint-ssl-leak", "SslLeak", "OpenSSL object not freed.",
     "An OpenSSL object (SSL_CTX, SSL, BIO, X509, EVP_PKEY and others) is not freed on some "
     "path.",
     LEAK_HELP("object", "the matching *_free() function"), 772, "5.0"},
    {"connlint-mhd-leak", "MhdLeak", "libmicrohttpd response or daemon not destroyed.",
     "A libmicrohttpd response from MHD_create_response_*() or a daemon from MHD_start_daemon() "
     "is not released on some path.",
     LEAK_HELP("response or daemon", "MHD_destroy_response() or MHD_stop_daemon()"), 772, "5.0"},
    {"connlint-grpc-leak", "GrpcLeak", "gRPC core object not destroyed.",
     "A gRPC core object (channel, call, completion queue, byte buffer, slice) is not destroyed "
     "or unreferenced on some path.",
     LEAK_HELP("object", "the matching grpc_*_destroy() or grpc_*_unref() function"), 772, "5.0"},
    {"connlint-lost-reference", "LostReference", "Last reference to a resource overwritten.",
     "A variable or field holding the only reference to an open resource is assigned a new "
     "value, so the resource can no longer be released.",
     "Release the resource before reusing the variable, or keep the old value somewhere that "
     "releases it.",
     773, "5.0"},
    {"connlint-ignored-result", "IgnoredResult", "Acquired resource discarded at once.",
     "The result of a call that acquires a resource is not stored, so the resource can never be "
     "released.",
     "Store the result and release it when done, or call a function that does not acquire "
     "anything.",
     772, "5.0"},
    {"connlint-mismatched-release", "MismatchedRelease", "Resource released by the wrong function.",
     "A resource is released by a function of another family: free() on a FILE *, close() on a "
     "stream's descriptor, fclose() on a popen() stream. The right release never runs and the "
     "wrong one may corrupt state.",
     "Use the release function that matches the acquisition (fclose() for fopen(), pclose() for "
     "popen(), freeaddrinfo() for getaddrinfo(), and so on).",
     404, "6.0"},
    {"connlint-double-release", "DoubleRelease", "Resource released twice.",
     "A resource is released twice on some path. A second free() corrupts the heap; a second "
     "close() may close a descriptor that another thread has just been given.",
     "Release once, and set the variable to NULL or -1 after releasing it so that a later "
     "cleanup can tell.",
     1341, "7.0"},
};

const RuleDoc *ruledoc_find(const char *id) {
  if (!id) return NULL;
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
    if (strcmp(docs[i].id, id) == 0) return &docs[i];
  return NULL;
}

const RuleDoc *ruledoc_all(int *n) {
  *n = (int)(sizeof docs / sizeof docs[0]);
  return docs;
}
