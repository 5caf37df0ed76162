/* sds.h - the part of an sds-like string library (redis' sds.h) that the
   sds_* cases use; rules/examples/sds.rules describes it. */
#ifndef CORPUS_SDS_H
#define CORPUS_SDS_H
#include <stddef.h>

typedef char *sds;

sds sdsnew(const char *init);
sds sdsempty(void);
sds sdsdup(const sds s);
void sdsfree(sds s);
size_t sdslen(const sds s);
sds sdscat(sds s, const char *t);
sds sdscatlen(sds s, const void *t, size_t len);
sds sdscatprintf(sds s, const char *fmt, ...);
sds sdstrim(sds s, const char *cset);
sds *sdssplitlen(const char *s, long len, const char *sep, int seplen, int *count);
void sdsfreesplitres(sds *tokens, int count);
#endif
