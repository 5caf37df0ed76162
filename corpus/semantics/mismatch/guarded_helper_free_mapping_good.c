/*
 * The config checksummer with a release helper that knows both shapes of
 * config text: a mapping goes back with munmap(), a heap copy with free(),
 * the shared empty text with nothing. Each release happens on some paths
 * only, in two families; the mapping handed in with `mapped` set is the
 * helper's to release, so nothing is reported.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static char empty_config[1];

static void config_text_release(char *text, size_t len, int mapped) {
  if (mapped)
    munmap(text, len);
  else if (text != empty_config)
    free(text);
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
  config_text_release(text, (size_t)st.st_size, 1);
  return 0;
}
