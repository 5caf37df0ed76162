/*
 * baseline.c - loading a SARIF baseline and filtering by it (see baseline.h).
 *
 * Only the fingerprints are kept: a baseline of a large project is a few
 * thousand short strings, sorted once and searched per finding.
 */
#include "baseline.h"

#include "fingerprint.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void baseline_init(Baseline *b) {
  memset(b, 0, sizeof *b);
  arena_init(&b->arena);
}

void baseline_free(Baseline *b) {
  arena_free(&b->arena);
  memset(b, 0, sizeof *b);
}

static int fail(BaselineError *err, const char *name, const char *msg) {
  snprintf(err->msg, sizeof err->msg, "%s: %s", name, msg);
  return -1;
}

static int cmp_key(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_connlint_run(json_t *run) {
  json_t *name = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "name");
  return json_is_string(name) && strcmp(json_string_value(name), "connlint") == 0;
}

/* Collects the fingerprints of a parsed log into b. */
static int collect(Baseline *b, const char *name, json_t *log, BaselineError *err) {
  json_t *version = json_object_get(log, "version");
  json_t *runs = json_object_get(log, "runs");
  if (!json_is_object(log) || !json_is_string(version) ||
      strcmp(json_string_value(version), "2.1.0") != 0 || !json_is_array(runs))
    return fail(err, name, "not a SARIF 2.1.0 log (expected \"version\": \"2.1.0\" and \"runs\")");
  Vec keys = {0};
  bool ours = false;
  size_t i, j;
  json_t *run, *result;
  json_array_foreach(runs, i, run) {
    if (!is_connlint_run(run)) continue;
    ours = true;
    json_array_foreach(json_object_get(run, "results"), j, result) {
      json_t *fp = json_object_get(json_object_get(result, "partialFingerprints"), FINGERPRINT_KEY);
      if (json_is_string(fp))
        vec_push(&b->arena, &keys, arena_strdup(&b->arena, json_string_value(fp)));
    }
  }
  if (!ours) return fail(err, name, "no run by connlint in this SARIF log");
  if (keys.len) qsort(keys.data, (size_t)keys.len, sizeof(void *), cmp_key);
  b->keys = (const char **)keys.data;
  b->nkeys = keys.len;
  return 0;
}

static int load(Baseline *b, const char *name, json_t *log, const json_error_t *jerr,
                BaselineError *err) {
  if (!log) {
    if (jerr->line > 0)
      snprintf(err->msg, sizeof err->msg, "%s:%d:%d: %s", name, jerr->line, jerr->column,
               jerr->text);
    else
      snprintf(err->msg, sizeof err->msg, "%s: %s", name, jerr->text);
    return -1;
  }
  int rc = collect(b, name, log, err);
  json_decref(log);
  return rc;
}

int baseline_load(Baseline *b, const char *path, BaselineError *err) {
  json_error_t jerr;
  return load(b, path, json_load_file(path, 0, &jerr), &jerr, err);
}

int baseline_parse(Baseline *b, const char *name, const char *text, BaselineError *err) {
  json_error_t jerr;
  return load(b, name, json_loads(text, 0, &jerr), &jerr, err);
}

bool baseline_contains(const Baseline *b, const char *fingerprint) {
  if (!fingerprint || !b->nkeys) return false;
  return bsearch(&fingerprint, b->keys, (size_t)b->nkeys, sizeof(char *), cmp_key) != NULL;
}

int baseline_filter(const Baseline *b, FindingList *fl) {
  for (int i = 0; i < fl->findings.len; i++) {
    if (!((Finding *)fl->findings.data[i])->fingerprint) {
      fingerprints_assign(fl);
      break;
    }
  }
  int kept = 0;
  for (int i = 0; i < fl->findings.len; i++) {
    Finding *f = fl->findings.data[i];
    if (!baseline_contains(b, f->fingerprint)) fl->findings.data[kept++] = f;
  }
  int dropped = fl->findings.len - kept;
  fl->findings.len = kept;
  return dropped;
}
