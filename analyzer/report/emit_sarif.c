/*
 * emit_sarif.c - the SARIF 2.1.0 log (see emit_sarif.h).
 *
 * The log is built as a jansson tree and dumped once. Three tables are
 * gathered on the way: the rules (every fixed id, every leak rule of the
 * RuleSet, and any other id a finding carries, so each result's ruleIndex
 * is valid), the artifacts (each file once, in order of first mention) and
 * the notifications. Everything temporary lives in one arena freed at the
 * end.
 *
 * SARIF columns count UTF-16 code units, clang's count bytes: columns are
 * converted using the source line when the file can be read.
 */
#include "emit_sarif.h"

#include "fingerprint.h"
#include "fix.h"
#include "fspath.h"
#include "ruledoc.h"

#include <jansson.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFORMATION_URI "https://github.com/connlint/connlint"
#define SRCROOT "%SRCROOT%"

/* GitHub rejects a log above its hard limits and truncates above its soft
   ones; staying under the soft ones keeps what is shown what we chose. */
enum {
  MAX_RESULTS = 25000,
  MAX_RELATED = 100,
  MAX_FLOW_LOCATIONS = 1000,
  MAX_TAGS = 10,
  MAX_CWES = 8,
};

typedef struct Rule {
  const char *id;
  const RuleDoc *doc;     /* NULL for ids from user rules */
  const ResKind *kind;    /* first kind reported under this id, if any */
  const Finding *example; /* for ids known only from a finding */
  Vec kinds;              /* ResKind *: what the rule covers, for the help text */
  int cwes[MAX_CWES];
  int ncwes;
} Rule;

typedef struct Artifact {
  const char *file; /* as named in findings */
  const char *uri;
  bool under_root; /* uri is relative to %SRCROOT% */
} Artifact;

typedef struct Sarif {
  Arena arena;
  const SarifOptions *o;
  const char *cwd;
  const char *root; /* normalized absolute source root */
  SourceCache *sources;
  Vec rules;     /* Rule * */
  Vec artifacts; /* Artifact * */
} Sarif;

/* ---- Strings -------------------------------------------------------------- */

/* A JSON string; JSON must be UTF-8, and messages quote source text that
   may not be, so invalid bytes become U+FFFD. */
static json_t *jstr(Sarif *s, const char *text) {
  if (!text) text = "";
  json_t *j = json_string(text);
  if (j) return j;
  Buf b = {0};
  const unsigned char *p = (const unsigned char *)text, *end = p + strlen(text);
  while (p < end) {
    uint32_t cp;
    int n = utf8_decode(p, (size_t)(end - p), &cp);
    if (n == 1 && *p >= 0x80) {
      buf_puts(&s->arena, &b, "\xef\xbf\xbd");
      p++;
    } else {
      while (n--)
        buf_putc(&s->arena, &b, (char)*p++);
    }
  }
  return json_string(buf_str(&s->arena, &b));
}

static json_t *message(Sarif *s, const char *text) {
  return json_pack("{s:o}", "text", jstr(s, text));
}

/* Percent-encodes a path for a URI, keeping '/' and the characters RFC
   3986 allows in a path segment (':' excepted: in a relative reference it
   would read as a scheme). */
static void put_uri_path(Sarif *s, Buf *b, const char *path) {
  static const char keep[] = "-._~/!$&'()*+,;=@";
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr(keep, *p))
      buf_putc(&s->arena, b, (char)*p);
    else
      buf_printf(&s->arena, b, "%%%02X", *p);
  }
}

static const char *file_uri(Sarif *s, const char *abs, bool dir) {
  Buf b = {0};
  buf_puts(&s->arena, &b, "file://");
  put_uri_path(s, &b, abs);
  if (dir && b.data[b.len - 1] != '/') buf_putc(&s->arena, &b, '/');
  return buf_str(&s->arena, &b);
}

/* ---- Locations ------------------------------------------------------------ */

static int artifact_index(Sarif *s, const char *file) {
  /* Findings come sorted by file: the last artifact is nearly always it. */
  for (int i = s->artifacts.len - 1; i >= 0; i--) {
    const Artifact *a = s->artifacts.data[i];
    if (a->file == file || strcmp(a->file, file) == 0) return i;
  }
  Artifact *a = ARENA_NEW(&s->arena, Artifact);
  a->file = file;
  const char *abs = fspath_abs(&s->arena, s->cwd, file);
  const char *rel = fspath_rel(s->root, abs);
  if (rel && strcmp(rel, ".") != 0) {
    Buf b = {0};
    put_uri_path(s, &b, rel);
    a->uri = buf_str(&s->arena, &b);
    a->under_root = true;
  } else {
    a->uri = file_uri(s, abs, false);
  }
  vec_push(&s->arena, &s->artifacts, a);
  return s->artifacts.len - 1;
}

static json_t *artifact_location(Sarif *s, const char *file, bool with_index) {
  int i = artifact_index(s, file);
  const Artifact *a = s->artifacts.data[i];
  json_t *j = json_pack("{s:s}", "uri", a->uri);
  if (a->under_root) json_object_set_new(j, "uriBaseId", json_string(SRCROOT));
  if (with_index) json_object_set_new(j, "index", json_integer(i));
  return j;
}

/* Byte column -> UTF-16 column on the given line. */
static int utf16_column(Sarif *s, Loc loc) {
  size_t len;
  const char *line = srcfile_line(srccache_get(s->sources, loc.file), loc.line, &len);
  if (!line) return loc.col;
  int col = 1;
  for (int i = 0; i < loc.col - 1; i++) {
    unsigned char c = (size_t)i < len ? (unsigned char)line[i] : ' ';
    if ((c & 0xc0) != 0x80) col += c >= 0xf0 ? 2 : 1; /* four-byte sequences are surrogate pairs */
  }
  return col;
}

static bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Where the expression at loc ends (the column after it, in bytes): a name
   and, when a call's '(' follows, everything up to its matching ')'
   (strings, characters and comments skipped; at most 40 lines); any other
   token is one character. False when the source cannot be read. */
static bool region_end(Sarif *s, Loc loc, Loc *end) {
  const SourceFile *f = srccache_get(s->sources, loc.file);
  size_t len;
  const char *text = srcfile_line(f, loc.line, &len);
  if (!text || loc.col < 1 || (size_t)loc.col > len) return false;
  int line = loc.line;
  size_t i = (size_t)loc.col - 1;
  if (!ident_char(text[i])) {
    *end = (Loc){loc.file, line, (int)i + 2};
    return true;
  }
  while (i < len && ident_char(text[i]))
    i++;
  *end = (Loc){loc.file, line, (int)i + 1};
  size_t j = i;
  while (j < len && (text[j] == ' ' || text[j] == '\t'))
    j++;
  if (j >= len || text[j] != '(') return true;
  int depth = 0;
  char quote = 0;
  for (int lines = 0; lines < 40;) {
    for (; j < len; j++) {
      char c = text[j];
      if (quote) {
        if (c == '\\')
          j++;
        else if (c == quote)
          quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '/' && j + 1 < len && text[j + 1] == '/') {
        break;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        *end = (Loc){loc.file, line, (int)j + 2};
        return true;
      }
    }
    if (!(text = srcfile_line(f, ++line, &len))) break;
    j = 0;
    lines++;
  }
  return true; /* unbalanced: the name alone */
}

static json_t *physical_location(Sarif *s, Loc loc) {
  json_t *p = json_pack("{s:o}", "artifactLocation", artifact_location(s, loc.file, true));
  if (loc.line > 0) {
    json_t *r = json_pack("{s:i}", "startLine", loc.line);
    if (loc.col > 0) json_object_set_new(r, "startColumn", json_integer(utf16_column(s, loc)));
    Loc end;
    if (loc.col > 0 && region_end(s, loc, &end)) {
      json_object_set_new(r, "endLine", json_integer(end.line));
      json_object_set_new(r, "endColumn", json_integer(utf16_column(s, end)));
    }
    json_object_set_new(p, "region", r);
  }
  return p;
}

/* A location with an optional message and id (id < 0: none). */
static json_t *location(Sarif *s, Loc loc, const char *msg, int id) {
  json_t *l = json_object();
  if (id >= 0) json_object_set_new(l, "id", json_integer(id));
  json_object_set_new(l, "physicalLocation", physical_location(s, loc));
  if (msg) json_object_set_new(l, "message", message(s, msg));
  return l;
}

/* ---- Rules ---------------------------------------------------------------- */

static Rule *find_rule(Sarif *s, const char *id, int *index) {
  for (int i = 0; i < s->rules.len; i++) {
    Rule *r = s->rules.data[i];
    if (strcmp(r->id, id) == 0) {
      if (index) *index = i;
      return r;
    }
  }
  return NULL;
}

static Rule *add_rule(Sarif *s, const char *id) {
  Rule *r = find_rule(s, id, NULL);
  if (r) return r;
  r = ARENA_NEW(&s->arena, Rule);
  r->id = id;
  r->doc = ruledoc_find(id);
  if (r->doc) r->cwes[r->ncwes++] = r->doc->cwe;
  vec_push(&s->arena, &s->rules, r);
  return r;
}

static void add_cwe(Rule *r, int cwe) {
  if (cwe <= 0 || r->ncwes == MAX_CWES) return;
  for (int i = 0; i < r->ncwes; i++)
    if (r->cwes[i] == cwe) return;
  r->cwes[r->ncwes++] = cwe;
}

static const char *kind_rule_id(Sarif *s, const ResKind *k) {
  if (k->leak_rule) return k->leak_rule;
  return arena_printf(&s->arena, "connlint-%s-leak", k->family ? k->family : k->id);
}

static void gather_rules(Sarif *s, const FindingList *fl, const RuleSet *rs) {
  int n;
  const RuleDoc *docs = ruledoc_all(&n);
  for (int i = 0; i < n; i++)
    add_rule(s, docs[i].id);
  for (int i = 0; rs && i < rs->nkinds; i++) {
    const ResKind *k = rs->kinds[i];
    Rule *r = add_rule(s, kind_rule_id(s, k));
    if (!r->kind) r->kind = k;
    vec_push(&s->arena, &r->kinds, (void *)k);
    add_cwe(r, k->cwe);
  }
  for (int i = 0; i < fl->findings.len; i++) {
    const Finding *f = fl->findings.data[i];
    Rule *r = add_rule(s, f->rule_id ? f->rule_id : "connlint-unknown");
    if (!r->doc && !r->kind && !r->example) r->example = f;
    add_cwe(r, f->cwe);
  }
}

static char upper(char c) {
  return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* "connlint-our-conn-leak" -> "OurConnLeak" */
static const char *pascal_name(Sarif *s, const char *id) {
  if (strncmp(id, "connlint-", 9) == 0) id += 9;
  Buf b = {0};
  bool up = true;
  for (const char *p = id; *p; p++) {
    if (*p == '-' || *p == '_') {
      up = true;
      continue;
    }
    buf_putc(&s->arena, &b, up ? upper(*p) : *p);
    up = false;
  }
  return buf_str(&s->arena, &b);
}

/* "socket, fd and pipe" as covered by r, or NULL if the RuleSet has none. */
static const char *covered_kinds(Sarif *s, const Rule *r, bool markdown) {
  if (!r->kinds.len) return NULL;
  Buf b = {0};
  for (int i = 0; i < r->kinds.len; i++) {
    const ResKind *k = r->kinds.data[i];
    const char *sep = i == 0 ? "" : i == r->kinds.len - 1 ? " and " : ", ";
    buf_printf(&s->arena, &b, markdown ? "%s`%s`" : "%s%s", sep, k->id);
  }
  return buf_str(&s->arena, &b);
}

static json_t *rule_descriptor(Sarif *s, const Rule *r) {
  const char *desc = r->kind ? r->kind->desc : r->example ? r->example->kind_desc : NULL;
  if (!desc) desc = "resource";
  const char *short_desc, *full_desc, *help, *severity = "5.0", *anchor = r->id;
  if (r->doc) {
    short_desc = r->doc->short_desc;
    full_desc = r->doc->full_desc;
    help = r->doc->help;
    severity = r->doc->security_severity;
  } else {
    short_desc = arena_printf(&s->arena, "%c%s not released.", upper(desc[0]), desc + 1);
    full_desc = arena_printf(&s->arena,
                             "A %s acquired by a function that a user rule describes is not "
                             "released on some path out of the function that acquired it.",
                             desc);
    help = r->kind && r->kind->help ? r->kind->help
                                    : "Release the resource on every path out of the function, "
                                      "including early returns and error branches.";
    anchor = "user-defined-rules";
  }
  const char *uri = arena_printf(&s->arena, "%s#%s", RULEDOC_URI, anchor);
  const char *kinds_text = covered_kinds(s, r, false), *kinds_md = covered_kinds(s, r, true);
  const char *help_text =
      kinds_text ? arena_printf(&s->arena, "%s\n\nResources: %s.", help, kinds_text) : help;
  const char *help_md =
      arena_printf(&s->arena, "%s\n\n%s%s%sSee [%s](%s).", help, kinds_md ? "Resources: " : "",
                   kinds_md ? kinds_md : "", kinds_md ? ".\n\n" : "", r->id, uri);

  json_t *tags = json_pack("[s]", "security");
  for (int i = 0; i < r->ncwes && (int)json_array_size(tags) < MAX_TAGS; i++)
    json_array_append_new(tags, json_sprintf("external/cwe/cwe-%d", r->cwes[i]));
  json_t *props = json_pack("{s:o,s:s,s:s,s:s}", "tags", tags, "precision", "high",
                            "problem.severity", "warning", "security-severity", severity);
  return json_pack("{s:s,s:s,s:o,s:o,s:{s:s},s:{s:o,s:o},s:s,s:o}", "id", r->id, "name",
                   r->doc ? r->doc->name : pascal_name(s, r->id), "shortDescription",
                   message(s, short_desc), "fullDescription", message(s, full_desc),
                   "defaultConfiguration", "level", "warning", "help", "text", jstr(s, help_text),
                   "markdown", jstr(s, help_md), "helpUri", uri, "properties", props);
}

/* ---- Results -------------------------------------------------------------- */

static json_t *related_locations(Sarif *s, const Finding *f) {
  json_t *rel = json_array();
  int id = 1;
  if (f->acq_loc.file) {
    const char *what = f->kind_desc ? f->kind_desc : "resource";
    json_array_append_new(
        rel,
        location(s, f->acq_loc, arena_printf(&s->arena, "The %s is acquired here.", what), id++));
  }
  for (int i = 0; i < f->nleak_points && id <= MAX_RELATED; i++)
    json_array_append_new(rel, location(s, f->leak_points[i], "It leaks here.", id++));
  return rel;
}

static json_t *code_flows(Sarif *s, const Finding *f) {
  json_t *locs = json_array();
  for (int i = 0; i < f->nsteps && i < MAX_FLOW_LOCATIONS; i++)
    json_array_append_new(
        locs, json_pack("{s:o}", "location", location(s, f->steps[i].loc, f->steps[i].msg, -1)));
  return json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", locs);
}

/* The suggested fix (fix.h) as SARIF `fixes`: each insertion is a
   replacement of an empty region at the insertion point. */
static json_t *fixes(Sarif *s, const Finding *f) {
  Fix fix;
  if (!f->nfixes || !fix_make(f, srccache_get(s->sources, f->fixes[0].exit.file), &s->arena, &fix))
    return NULL;
  json_t *reps = json_array();
  for (int i = 0; i < fix.nedits; i++) {
    const FixEdit *e = &fix.edits[i];
    int col = utf16_column(s, (Loc){fix.file, e->line, e->col});
    json_array_append_new(reps,
                          json_pack("{s:{s:i,s:i,s:i,s:i},s:{s:o}}", "deletedRegion", "startLine",
                                    e->line, "startColumn", col, "endLine", e->line, "endColumn",
                                    col, "insertedContent", "text", jstr(s, e->text)));
  }
  json_t *change = json_pack("{s:o,s:o}", "artifactLocation", artifact_location(s, fix.file, true),
                             "replacements", reps);
  return json_pack("[{s:o,s:[o]}]", "description", message(s, fix.title), "artifactChanges",
                   change);
}

static json_t *result(Sarif *s, const Finding *f, const char *fingerprint) {
  int index = 0;
  const char *rule_id = f->rule_id ? f->rule_id : "connlint-unknown";
  find_rule(s, rule_id, &index);
  json_t *res = json_pack("{s:s,s:i,s:s,s:o}", "ruleId", rule_id, "ruleIndex", index, "level",
                          "warning", "message", message(s, f->message));
  json_t *loc = location(s, f->loc, NULL, -1);
  if (f->func)
    json_object_set_new(loc, "logicalLocations",
                        json_pack("[{s:o,s:s}]", "name", jstr(s, f->func), "kind", "function"));
  json_object_set_new(res, "locations", json_pack("[o]", loc));
  json_t *rel = related_locations(s, f);
  if (json_array_size(rel))
    json_object_set_new(res, "relatedLocations", rel);
  else
    json_decref(rel);
  if (f->nsteps > 0) json_object_set_new(res, "codeFlows", code_flows(s, f));
  json_t *fx = fixes(s, f);
  if (fx) json_object_set_new(res, "fixes", fx);

  json_t *fps = json_pack("{s:s}", FINGERPRINT_KEY, fingerprint);
  const char *line_hash = NULL;
  if (f->loc.file && f->loc.line > 0)
    line_hash =
        fingerprint_line_hash(s->sources, srccache_get(s->sources, f->loc.file), f->loc.line);
  if (line_hash) json_object_set_new(fps, "primaryLocationLineHash", json_string(line_hash));
  json_object_set_new(res, "partialFingerprints", fps);

  if (f->suppressed) {
    json_t *sup = json_pack("{s:s}", "kind", "inSource");
    if (f->suppress_reason && *f->suppress_reason)
      json_object_set_new(sup, "justification", jstr(s, f->suppress_reason));
    json_object_set_new(res, "suppressions", json_pack("[o]", sup));
  }
  if (s->o->baseline_used) json_object_set_new(res, "baselineState", json_string("new"));
  if (f->confirmation) /* connlint confirm: the verdict and what was observed */
    json_object_set_new(res, "properties",
                        json_pack("{s:s,s:o}", "confirmation", f->confirmation,
                                  "confirmationEvidence",
                                  jstr(s, f->confirm_evidence ? f->confirm_evidence : "")));
  return res;
}

/* ---- Run ------------------------------------------------------------------ */

static json_t *notification(Sarif *s, const Note *n) {
  json_t *j = json_pack("{s:s,s:o}", "level", "warning", "message", message(s, n->msg));
  if (n->loc.file)
    json_object_set_new(j, "locations", json_pack("[o]", location(s, n->loc, NULL, -1)));
  return j;
}

static json_t *invocation(Sarif *s, const FindingList *fl, int omitted) {
  json_t *notes = json_array();
  for (int i = 0; i < fl->notes.len; i++)
    json_array_append_new(notes, notification(s, fl->notes.data[i]));
  for (int i = 0; i < s->o->nextra_notes; i++)
    json_array_append_new(notes, notification(s, s->o->extra_notes[i]));
  if (omitted) {
    Note n = {{0},
              arena_printf(&s->arena,
                           "%d results omitted: GitHub code scanning accepts at most %d "
                           "per run.",
                           omitted, MAX_RESULTS)};
    json_array_append_new(notes, notification(s, &n));
  }
  json_t *inv = json_pack("{s:b,s:i}", "executionSuccessful", s->o->execution_successful,
                          "exitCode", s->o->exit_code);
  if (json_array_size(notes))
    json_object_set_new(inv, "toolExecutionNotifications", notes);
  else
    json_decref(notes);
  json_object_set_new(inv, "workingDirectory",
                      json_pack("{s:s}", "uri", file_uri(s, s->cwd, true)));
  return inv;
}

static json_t *run(Sarif *s, const FindingList *fl, const RuleSet *rs) {
  gather_rules(s, fl, rs);
  /* report_write has fingerprinted the list already; a list built
     elsewhere (tests, a library user) is fingerprinted here. */
  bool missing = false;
  for (int i = 0; i < fl->findings.len && !missing; i++)
    missing = !((const Finding *)fl->findings.data[i])->fingerprint;
  const char **computed = missing ? fingerprints_compute(&s->arena, fl) : NULL;

  json_t *results = json_array();
  int omitted = 0;
  for (int i = 0; i < fl->findings.len; i++) {
    const Finding *f = fl->findings.data[i];
    if (f->suppressed && s->o->omit_suppressed) continue;
    if (json_array_size(results) == MAX_RESULTS)
      omitted++;
    else
      json_array_append_new(results, result(s, f, f->fingerprint ? f->fingerprint : computed[i]));
  }
  json_t *inv = invocation(s, fl, omitted);

  json_t *rules = json_array();
  for (int i = 0; i < s->rules.len; i++)
    json_array_append_new(rules, rule_descriptor(s, s->rules.data[i]));
  json_t *artifacts = json_array();
  for (int i = 0; i < s->artifacts.len; i++) {
    const Artifact *a = s->artifacts.data[i];
    json_t *art = json_pack("{s:o,s:s}", "location", artifact_location(s, a->file, false),
                            "sourceLanguage", "c");
    const SourceFile *src = srccache_get(s->sources, a->file);
    if (src->text) json_object_set_new(art, "length", json_integer((json_int_t)src->len));
    json_array_append_new(artifacts, art);
  }

  const char *version = s->o->tool_version ? s->o->tool_version : "0.0.0";
  json_t *driver =
      json_pack("{s:s,s:s,s:s,s:s,s:o}", "name", "connlint", "version", version, "semanticVersion",
                version, "informationUri", INFORMATION_URI, "rules", rules);
  json_t *r =
      json_pack("{s:{s:o},s:[o],s:{s:{s:s}},s:o,s:o,s:s}", "tool", "driver", driver, "invocations",
                inv, "originalUriBaseIds", SRCROOT, "uri", file_uri(s, s->root, true), "artifacts",
                artifacts, "results", results, "columnKind", "utf16CodeUnits");
  if (s->o->nunits > 0) {
    json_t *fe = json_array();
    for (int i = 0; i < s->o->nunits; i++)
      if (s->o->unit_frontends[i])
        json_array_append_new(fe, json_pack("{s:o,s:s}", "artifactLocation",
                                            artifact_location(s, s->o->unit_files[i], false),
                                            "frontend", s->o->unit_frontends[i]));
    json_object_set_new(r, "properties", json_pack("{s:o}", "frontends", fe));
  }
  if (s->o->category)
    json_object_set_new(r, "automationDetails",
                        json_pack("{s:o}", "id", json_sprintf("%s/", s->o->category)));
  return r;
}

int sarif_emit(FILE *out, const FindingList *fl, const RuleSet *rs, const SarifOptions *o) {
  Sarif s = {.o = o};
  arena_init(&s.arena);
  SourceCache own;
  s.sources = o->sources;
  if (!s.sources) {
    srccache_init(&own);
    s.sources = &own;
  }
  s.cwd = o->cwd ? fspath_normalize(&s.arena, o->cwd) : fspath_cwd(&s.arena);
  if (!s.cwd) s.cwd = "/";
  s.root = fspath_abs(&s.arena, s.cwd, o->srcroot ? o->srcroot : ".");

  json_t *log = json_pack("{s:s,s:s,s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs",
                          run(&s, fl, rs));
  int rc = json_dumpf(log, out, JSON_INDENT(2)) == 0 && fputc('\n', out) != EOF ? 0 : -1;
  json_decref(log);
  if (s.sources == &own) srccache_free(&own);
  arena_free(&s.arena);
  return rc;
}
