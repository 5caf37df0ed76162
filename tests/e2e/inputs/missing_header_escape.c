#include <gtk/gtk.h>
#include <event2/event.h>
#include <stdio.h>
#include <sys/socket.h>

/* With GTK's and libevent's headers missing, these calls do not type-check;
   what they are given still escapes, so nothing here leaks. */
static void on_click(GtkWidget *w, gpointer data) {}

void watch_file(GtkWidget *btn, const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp)
    return;
  g_signal_connect(btn, "clicked", G_CALLBACK(on_click), fp);
}

int listen_on(struct event_base *base) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  struct event *ev = event_new(base, fd, EV_READ | EV_PERSIST, on_accept, NULL);
  event_add(ev, NULL);
  return 0;
}

void log_to(const char *path) {
  FILE *fp = fopen(path, "a");
  if (!fp)
    return;
  set_log_stream(LOG_DOMAIN_DEFAULT, fp);
}

int still_leaks(const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp)
    return -1;
  return GTK_IS_WIDGET(path);
}
