/*
 * newsince.h - report only what a change introduced (`--new-since REV`).
 *
 * A pull request should not be blamed for the leaks its code base already
 * had. `git diff -U0 REV` gives the lines changed since REV (to the working
 * tree); a finding is kept when its acquisition, its reported location or
 * one of its leak points lies on a changed line. The analysis itself still
 * covers the whole program, so a new leak through an old helper is found.
 * A pure deletion marks the lines on either side of it as changed: removing
 * a close() moves the leak to the code around it.
 */
#ifndef CONNLINT_NEWSINCE_H
#define CONNLINT_NEWSINCE_H

#include "finding.h"

typedef struct ChangedLines ChangedLines;

ChangedLines *changed_new(void);
void changed_delete(ChangedLines *cl);

/* Runs `git diff -U0 REV` in the repository holding `dir` and records its
   changed lines. Returns 0, or -1 with a sentence in err (not a git
   repository, unknown revision, git missing). */
int changed_from_git(ChangedLines *cl, const char *dir, const char *rev, char *err, int errlen);

/* Records the changed lines of a unified diff whose paths are relative to
   `root` (what changed_from_git does with git's output). */
void changed_parse_diff(ChangedLines *cl, const char *root, const char *diff);

/* Whether `file` (absolute, or relative to the current directory) has line
   `line` changed. */
bool changed_has(const ChangedLines *cl, const char *file, int line);

/* Removes every finding with no location on a changed line. Returns how
   many went. */
int changed_filter(const ChangedLines *cl, FindingList *fl);

#endif
