/*
 * connlint_rt.h - the runtime that programs built with `connlint cc` link.
 *
 * The instrumenter (instrument.c) calls these from the copies of the
 * user's units it compiles; nothing else should. Each hook is cheap when
 * CONNLINT_RT_OUT is unset: the runtime then records nothing.
 *
 *   CONNLINT_RT_OUT=DIR     write events as JSON lines to DIR/rt-PID.jsonl
 *   CONNLINT_CONFIRM=FP,..  arm the fault plans of these findings: every
 *                           libfiu point "connlint/FP/..." fails
 *
 * The events (one object per line, "ev" first):
 *   start  {armed}               acq   {site, fam, val, frame}  (first per site)
 *   fault  {point}               rel   {site, fam, val, after}  (of a value a
 *   at     {fp, site, point,            leak point saw held: a hand-over)
 *           frame, scoped, held: [val...], returned}
 *   sites  {sites: [...]}        the sites an instrumented unit watches
 *   count  {site, acquired, gone}  at exit: acquisitions, and leak points
 *                                  that found the resource released
 *   exit   {}
 * Every event also has "seq" and "pid".
 */
#ifndef CONNLINT_RT_H
#define CONNLINT_RT_H

/* A planned call site: non-zero (with errno = err) when the libfiu point
   `point` is enabled, and then the call is not made. */
int connlint_rt_fault(const char *point, int err);

/* A new activation of an instrumented function. */
long connlint_rt_enter(void);

/* A resource of family `fam` acquired at `site` in activation `frame`; its
   value is the n bytes at v (a descriptor, a pointer). */
void connlint_rt_acq(long frame, const char *site, const char *fam, int scoped, const void *v,
                     unsigned long n);

/* A release of the value at v by a function releasing family `fam`. */
void connlint_rt_rel(const char *fam, const void *v, unsigned long n);

/* Finding `fp` says the resource acquired at `site` leaks when activation
   `frame` leaves at `point`: records whether it is held there. ret/n is the
   value returned (NULL, 0 for none): a resource returned is handed over. */
void connlint_rt_at(long frame, const char *fp, const char *site, const char *point,
                    const void *ret, unsigned long n);

/* An instrumented unit's acquisition sites (NULL-terminated), from its
   constructor: recorded once per process as a "sites" event. */
void connlint_rt_unit(const char *const *sites);

#endif
