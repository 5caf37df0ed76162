/*
 * An array of structs whose .obj fields hold strings: filled in one loop,
 * released in a loop over the same count (redis' SORT builds its vector
 * this way). Releasing vector[j].obj with j unknown forgets the strings
 * held in the array (issue 16, item 4).
 */
#include <stdlib.h>
#include <string.h>
struct item {
  char *obj;
  int score;
};
int sort_words(const char **words, int n) {
  struct item *vector = malloc(sizeof(*vector) * (size_t)n);
  if (!vector) return -1;
  int j = 0;
  while (j < n) {
    vector[j].obj = strdup(words[j]);
    vector[j].score = 0;
    j++;
  }
  int total = 0;
  for (j = 0; j < n; j++)
    total += (int)strlen(vector[j].obj);
  for (j = 0; j < n; j++)
    free(vector[j].obj);
  free(vector);
  return total;
}
