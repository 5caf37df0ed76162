/* check.c - code whose declarations disagree with inputs/check.rules: a
   rule naming arg2 of a one-parameter function, a *arg0 on an int, and a
   rule for a function nothing calls (--check-rules). */
struct thing;
struct thing *thing_new(int n);
void thing_put(struct thing *t);
int thing_get(int slot);

int use_thing(void) {
  struct thing *t = thing_new(1);
  thing_put(t);
  return thing_get(2);
}
