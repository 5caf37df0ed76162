/*
 * Command-line parsing with getopt(): `-o FILE` stores a strdup()'d copy in
 * `output`. When the option is given twice, the second copy overwrites the
 * first without freeing it: a lost reference at the strdup() assignment.
 * The final value escapes into the options struct.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cli {
  char *output;
  int verbose;
};

int cli_parse(struct cli *cli, int argc, char **argv) {
  char *output = NULL;
  int c;
  while ((c = getopt(argc, argv, "o:v")) != -1) {
    switch (c) {
    case 'o':
      output = strdup(optarg); // expect: connlint-lost-reference
      if (!output) return -1;
      break;
    case 'v': cli->verbose++; break;
    default: free(output); return -1;
    }
  }
  cli->output = output;
  return 0;
}
