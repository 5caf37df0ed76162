/*
 * A config checksummer maps the file and hands the text to the helper the
 * loader uses for heap copies. The helper frees only what is not the
 * shared empty text, so it releases on some paths only, but whenever it
 * releases it calls free(): on a mapping that is a mismatched release, not
 * a pointer that quietly escapes.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static char empty_config[1];

static void config_text_drop(char *text) {
  if (text != empty_config) free(text);
}

int config_checksum(const char *path, unsigned *sum) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) < 0 || st.st_size == 0) {
    close(fd);
    return -1;
  }
  char *text = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (text == MAP_FAILED) return -1;
  unsigned s = 0;
  for (off_t i = 0; i < st.st_size; i++)
    s = s * 31 + (unsigned char)text[i];
  *sum = s;
  config_text_drop(text); // expect: connlint-mismatched-release
  return 0;
}
