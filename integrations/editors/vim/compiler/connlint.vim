" Vim compiler file for connlint, a resource-leak analyzer for C.
" Findings and the notes of their leaking paths go to the quickfix list.
if exists("current_compiler")
  finish
endif
let current_compiler = "connlint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

CompilerSet makeprg=connlint\ --color=never
" warning/note lines; the quoted source and caret lines are skipped.
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %tote:\ %m,%-G%.%#
