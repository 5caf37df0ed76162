this is not C at all ) { ;; ]]] @@@
