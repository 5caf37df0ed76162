/*
 * rules.h - the rule model: what connlint tracks, parsed from rules/NAME.rules.
 *
 * The engine learns every resource from here and nowhere else. A RuleSet
 * holds resource kinds (what a leak of this thing is called, its family and
 * CWE) and function rules (what a call does to resources: acquire, release,
 * borrow, transfer, never return). Function summaries computed from analyzed
 * code produce the same FuncRule records, so the engine treats "close()"
 * from a rule pack and "conn_free()" from a summary alike.
 *
 * The rule language itself (grammar, errors) is documented in rules/README.md
 * and implemented in rules_parse.c.
 *
 * Stage rules (this header): the language, its parser, the built-in packs and
 * rules from ownership attributes. Uses ir and support; rules_int.h and
 * rules_lex_int.h are internal.
 */
#ifndef CONNLINT_RULES_H
#define CONNLINT_RULES_H

#include "arena.h"
#include "ir.h"

#include <stdbool.h>

typedef struct ResKind {
  const char *id;     /* "socket", "file", "mutex" */
  const char *family; /* release family: "fd", "stdio", "heap", "lock" */
  const char *desc;   /* human description, "socket" */
  int cwe;            /* 775, 772, 401, 404, ... */
  const char *help;   /* how to fix, shown in SARIF help */
  /* Rule id of a leak of this kind, shared by a pack's kinds so users see a
     few stable ids: "connlint-fd-leak", "connlint-curl-leak". Defaults to
     "connlint-<family>-leak". */
  const char *leak_rule;
  /* Scoped resources (locks) must be released before the acquiring function
     returns, even if a pointer to them escapes; others may be handed on. */
  bool scoped;
  /* `permanent`: lives for the whole process by design (a log stream opened
     once at start-up): never reported as a leak or a lost reference. */
  bool permanent;
  const char *pack; /* the pack it came from ("posix", "user", ...) */
  Loc loc;          /* where it was declared */
} ResKind;

/* Where in a call a resource lives: the return value or an argument, then an
   optional chain of steps: `*arg3` (getaddrinfo), `arg0[1]` (pipe),
   `arg0->fd` (a summary of conn_close(c)). */
typedef enum { STEP_DEREF, STEP_FIELD, STEP_INDEX } StepKind;

typedef struct TargetStep {
  StepKind kind;
  const char *field; /* STEP_FIELD: the field name (reached through a pointer
                        when the previous step was DEREF: `->f`) */
  long index;        /* STEP_INDEX */
} TargetStep;

enum { TARGET_RET = -1, TARGET_MAX_STEPS = 4 };

typedef struct Target {
  int arg; /* 0-based argument index, or TARGET_RET */
  TargetStep steps[TARGET_MAX_STEPS];
  int nsteps;
} Target;

bool target_equal(const Target *a, const Target *b); /* same argument, same steps */

/* The return value's test that means success: `ret OP value`. `always`
   means the call cannot fail to acquire (sqlite3_open: the handle needs
   sqlite3_close even when opening failed). */
typedef struct SuccessCond {
  bool always;
  CmpOp op;
  long value;   /* NULL is 0 */
  bool is_null; /* the value was written NULL (only for printing rules back) */
  /* The test applies to the acquired value itself, not to the return value:
     a summary's out-parameter (`void conn_init(c) { c->fd = socket(...); }`
     succeeded iff c->fd >= 0). Rule files leave it false. */
  bool on_target;
} SuccessCond;

typedef struct Acquire {
  const ResKind *kind;
  Target target;
  SuccessCond when;
} Acquire;

typedef struct Release {
  const char *family; /* releases resources of this family; others: mismatch */
  Target target;
  /* A release that happens only on some paths (from a summary): callers must
     stay conservative and treat the argument as escaped, not released. */
  bool partial;
  /* `releases F at T when ret OP V`: released only when the call's return
     value passes the test (buf_append(b, ..) frees b when it fails);
     otherwise the resource stays the caller's. */
  bool conditional;
  SuccessCond when;
} Release;

/* Ownership of the resource at `from` moves into the one acquired at
   acquire[to] when the call succeeds: fdopen(fd), realloc(p, n),
   curl_slist_append(list, s). On failure `from` stays owned. */
typedef struct Transfer {
  Target from;
  int to; /* index into FuncRule.acquires */
  /* `moves ... else forgets`: when the call fails, `from` is no longer
     tracked instead of staying owned. For idioms whose failure path
     (out of memory) everyone ignores, curl_slist_append's above all. */
  bool forget_on_failure;
} Transfer;

/* `stores WHAT in argJ`: the callee keeps the value at WHAT inside the
   object argJ designates, for as long as that object lives: the FILE* given
   to curl_easy_setopt(h, CURLOPT_WRITEDATA, fp) lives in the handle,
   memcpy(dst, &p, sizeof p) puts p in dst's memory. While that object is a
   resource this function owns (or its own local), WHAT stays owned here
   and leaves with the object; otherwise WHAT escapes. `when argK in (N,
   ...)` limits the store to calls where argK is one of those constants (or
   not a constant at all); other calls only borrow WHAT, as the options
   curl copies. */
typedef struct Store {
  Target what; /* an argument, possibly with steps (`*arg1`) */
  int in;      /* the argument designating the object */
  int if_arg;  /* -1: every call */
  long *if_vals;
  int nif;
} Store;

/*
 * What one call does, in this order:
 *   1. each argument i is borrowed (rules_borrows_arg), escaped, or named by
 *      a release, a transfer or a store; a `releases`/`moves`/`stores`
 *      naming argument i (or a path under it, `*arg0`) overrides a borrow of
 *      i, and an escape overrides a borrow (so `borrows all; escapes arg3`
 *      escapes arg3 only);
 *   2. every release happens, whatever the call returns, then every store;
 *   3. each acquire happens when its own condition on the return value holds
 *      (different acquires of one call may have different conditions:
 *      sqlite3_exec's error message exists only when it fails), and each
 *      transfer happens exactly when the acquire it points to happens.
 * Argument indices in targets, borrow_mask and escape_mask are below 32.
 */
typedef struct FuncRule {
  const char *name; /* exact function name, or a pattern ending in '*' */
  const char *pack;
  Loc loc;           /* where the rule was written (or the function, for summaries) */
  bool from_summary; /* produced by interprocedural analysis */
  bool noreturn;
  /* Summaries: parameters dereferenced on every call before any branch
     (bit i: parameter i); a constant NULL there means the call crashes. */
  unsigned derefs_args;
  Acquire *acquires;
  int nacquires;
  Release *releases;
  int nreleases;
  Transfer *transfers;
  int ntransfers;
  Store *stores;
  int nstores;
  /* Arguments the function uses without taking ownership. A resource
     passed in any other argument position of a function known only by rule
     is treated as escaped (conservative). */
  unsigned borrow_mask; /* bit i: argument i is borrowed */
  bool borrow_all;      /* every argument, including variadic ones */
  /* Arguments stored away by the callee (a summary's "escape" fact). */
  unsigned escape_mask;
  /* Summaries: arguments whose pointee the callee copies into memory it
     does not own (`sblist_add(l, &item)` copies item into the list): what
     the caller's pointer points to escapes, not the pointer's own object. */
  unsigned escape_deref_mask;
  /* `hands back argN`: the return value is argN's resource itself, possibly
     moved (s = sdscat(s, t)): the caller keeps the returned pointer and the
     old one is no longer a reference. `in place`: the same pointer comes
     back (sdstrim), so a bare call drops nothing. */
  bool hands_back;
  bool hands_back_in_place;
  int hands_back_arg;
  /* `refs argN, ...`: each call takes one more reference to the object the
     argument designates (obj_ref): one more release is owed. Counted on an
     object the calling function holds (a release drops one reference, the
     last one releases the object); on any other it is not tracked. */
  unsigned ref_mask;
  /* `owns elements [if argN]`: the container this call returns releases
     what was stored in it (`stores arg1 in arg0`) when it is released;
     with `if argN`, only when argN is not NULL (list_new(free_fn)). */
  bool owns_elements;
  int owns_if_arg; /* -1: always */
  /* Intent. `permanent`: what calls to it acquire, and what its own body
     acquires, lives for the whole process. `leaves locked`: the function
     returns holding a lock on purpose (its caller unlocks). */
  bool permanent;
  bool leaves_locked;
  /* `returns argN`: the call returns argument N itself (memcpy's
     destination), stored here as N + 1; 0: no such clause. */
  int returns_arg;
  /* `returns into argN`: the result points inside argument N's object, or
     is NULL (strchr, strstr, memchr), stored here as N + 1; 0: no such
     clause. Keeping the result keeps that object reachable. */
  int returns_into;
  /* `returns N when argK in (V, ...)`: a call whose argument K is one of
     those constants returns N; it cannot fail that way (fcntl's F_SETFD
     fails only on a bad descriptor). */
  bool ret_when;
  long ret_when_value;
  int ret_when_arg, ret_when_n;
  long *ret_when_vals;
  /* `returns one of (V, ...)`: the call returns nothing outside the
     smallest interval holding those values (pipe(): 0 or -1), so a path
     that passed `ret >= 0` knows the call returned 0. */
  bool ret_range;
  long ret_lo, ret_hi;
  /* Summaries: the call may write what argument N points to (bit N), so
     the caller's `*argN` is not what it was; and when the returned
     resource was acquired, `*argN` is not zero (bit N of ret_ok_nonzero:
     dhcp_tags(&arg) leaves arg NULL only when it returns NULL). */
  unsigned writes_mask;
  unsigned ret_ok_nonzero;
  /* Summaries: every returning path returns this constant
     (`static int tls_enabled(void) { return 0; }`). */
  bool ret_fixed;
  long ret_value;
  /* `sets TARGET to argN`: the call writes argument N's value into the
     memory TARGET names, so a later `unless` can read it back:
     pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED). */
  bool has_set;
  Target set_dst;
  int set_src;
  /* `unless TARGET OP N`: the call acquires nothing when the value at
     TARGET is known to satisfy OP N (a thread created from an attribute
     that says detached). An unknown value acquires as usual. */
  bool has_unless;
  Target unless_at;
  CmpOp unless_op;
  long unless_c;
  /* `runs argN`: argument N is the function that runs with what the call
     acquires (a thread's start routine). When that function never returns,
     or releases a resource of the acquired family it was never given
     (pthread_detach(pthread_self())), the acquisition needs no release. */
  bool runs;
  int runs_arg;
  /* `releases own FAMILY` (summaries): on some path the function releases
     a resource of FAMILY that it neither acquired nor was passed. */
  const char *releases_own;
} FuncRule;

typedef struct RuleSet {
  Arena arena; /* owns everything below */
  ResKind **kinds;
  int nkinds;
  FuncRule **funcs; /* exact names, sorted for lookup after rules_finish() */
  int nfuncs;
  FuncRule **patterns; /* names ending in '*', longest prefix first after rules_finish() */
  int npatterns;
  bool sorted; /* rules_finish() ran since the last change: lookups may bisect */
} RuleSet;

/* A rule file problem, reported as "file:line:col: message". Line 0 means
   the problem concerns the whole file (it cannot be read) and file "" that
   it concerns no file (an unknown built-in pack): print just the message
   then. */
typedef struct RuleError {
  char file[512];
  int line, col;
  char msg[512];
} RuleError;

RuleSet *rules_new(void);
void rules_delete(RuleSet *rs);

/* Parses one rule file's text into rs under pack name `pack` (NULL:
   "user"); `file` names it in locations and errors. Returns 0, or
   -1 with *err filled (nothing from a failed file is kept half-way: the
   caller reports and exits 2). A file may use the kinds and families of
   files loaded before it; its rule for a function already defined by an
   earlier file replaces that rule, so a user file can correct a pack. */
int rules_parse(RuleSet *rs, const char *file, const char *text, const char *pack, RuleError *err);
/* As rules_parse, reading `path`; pack NULL names the pack after the file
   (rules/pool.rules -> "pool"). */
int rules_load_file(RuleSet *rs, const char *path, const char *pack, RuleError *err);

/* The built-in packs (rules/NAME.rules, compiled into the binary). */
const char *const *rules_builtin_pack_names(void); /* NULL-terminated */
/* The rule comes from a built-in pack (not a file that overrides one). */
bool rules_is_builtin(const FuncRule *r);
/* Loads one built-in pack by name, or all of them when pack is NULL. */
int rules_load_builtin(RuleSet *rs, const char *pack, RuleError *err);

/* Adds rules (pack "attrs") for functions the analyzed code annotates with
   clang's ownership_returns/takes/holds attributes, unless a rule file
   already names the function, then calls rules_finish(). Not thread-safe:
   call it before sharing rs between threads. */
void rules_add_ownership_attrs(RuleSet *rs, const Unit *u);

/* Sorts for fast lookup; call after loading. Lookups stay correct (but
   linear) on a set changed since. */
void rules_finish(RuleSet *rs);

const ResKind *rules_find_kind(const RuleSet *rs, const char *id);
/* The rule for an exact name, else the pattern with the longest prefix of
   `name`, else NULL. */
const FuncRule *rules_find_func(const RuleSet *rs, const char *name);

/* Argument i is borrowed: listed by `borrows` (or `borrows all`) and not by
   `escapes`. Releases and transfers are not considered (see FuncRule). */
bool rules_borrows_arg(const FuncRule *r, int i);

/* Rule names with a '.' name a function pointer reached through a variable
   or a struct member ("hooks.alloc"). The rule for an indirect call (see
   Stmt.fnptr_path, Stmt.fnptr_member): the whole access path, else its
   longest dotted suffix that names a rule ("hooks.alloc" for
   "srv.hooks.alloc"), else the struct-qualified member ("hooks.alloc" for
   h->alloc with h a struct hooks *); NULL when none does. Either argument
   may be NULL. Only names with a member match here. */
const FuncRule *rules_find_indirect(const RuleSet *rs, const char *path, const char *member);

/* Checks a unit's declarations against the rules naming them: a rule using
   argN beyond the declared parameters, a `*argN` (or argN->f, argN[i]) on
   a parameter that is not a pointer. Each problem is appended to `out` as a
   RuleWarning unless `seen` (a Map keyed by message) has it already. */
typedef struct RuleWarning {
  Loc loc; /* the rule's file and line */
  const char *msg;
} RuleWarning;
void rules_check_unit(const RuleSet *rs, const Unit *u, Arena *a, Map *seen, Vec *out);

/* Marks in `matched` (keyed by FuncRule pointer) every rule that a call of
   the unit resolves to (--check-rules lists the others). */
void rules_note_matches(const RuleSet *rs, const Unit *u, Arena *a, Map *matched);
bool rules_matched(const Map *matched, const FuncRule *r);
/* Marks r in `matched` (a unit read from the cache). */
void rules_note_match(Arena *a, Map *matched, const FuncRule *r);

/* One rule for a call that may reach any of rs[0..n) (n >= 1), named
   `name`: what holds whichever runs (rules_join.c). Allocated in a. */
FuncRule *rules_join(Arena *a, const char *name, const FuncRule *const *rs, int n);

/* Writes every kind and function, with its pack, to `out` (--list-rules). */
void rules_list(const RuleSet *rs, Arena *a, Buf *out);

#endif
