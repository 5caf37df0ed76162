/*
 * ts_types.c - types without headers.
 *
 * The engine needs little of a type: its class (integer, pointer, record,
 * array), whether an integer is unsigned, and a spelling for dumps. Without
 * headers these come, in order, from what the file declares (its typedefs,
 * records and enumerations, read here), from a short list of the standard
 * typedefs every C program uses (size_t is an unsigned integer, FILE a
 * record), and from the rules: a value fopen() returns is tested against
 * NULL, so it is a pointer. What none of them knows stays TY_OTHER, and
 * ts_stmt.c makes a variable a pointer when the function uses it as one.
 */
#include "tsfront_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const int_typedefs[] = {
    "size_t",         "ssize_t",      "off_t",         "off64_t",   "pid_t",
    "uid_t",          "gid_t",        "mode_t",        "socklen_t", "time_t",
    "int8_t",         "int16_t",      "int32_t",       "int64_t",   "uint8_t",
    "uint16_t",       "uint32_t",     "uint64_t",      "intptr_t",  "uintptr_t",
    "ptrdiff_t",      "bool",         "_Bool",         "wchar_t",   "in_port_t",
    "in_addr_t",      "sa_family_t",  "nfds_t",        "dev_t",     "ino_t",
    "nlink_t",        "blksize_t",    "blkcnt_t",      "clock_t",   "useconds_t",
    "suseconds_t",    "sig_atomic_t", "CURLcode",      "CURLMcode", "CURLSHcode",
    "curl_socket_t",  "curl_off_t",   "sqlite3_int64", "Oid",       "ConnStatusType",
    "ExecStatusType",
};

static const char *const unsigned_typedefs[] = {
    "size_t",      "uid_t",    "gid_t",     "mode_t", "socklen_t", "uint8_t",    "uint16_t",
    "uint32_t",    "uint64_t", "uintptr_t", "bool",   "_Bool",     "in_port_t",  "in_addr_t",
    "sa_family_t", "nfds_t",   "dev_t",     "ino_t",  "nlink_t",   "useconds_t", "Oid",
};

static const char *const record_typedefs[] = {
    "FILE",           "DIR",   "pthread_mutex_t", "pthread_rwlock_t", "pthread_spinlock_t",
    "pthread_cond_t", "fd_set"};

static bool in_list(const char *const *list, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], name) == 0) return true;
  return false;
}
#define IN(list, name) in_list(list, sizeof list / sizeof list[0], name)

/* The type a type specifier names, before any declarator. */
static TypeInfo base_type(TsUnit *t, const char *text, TSNode type) {
  TypeInfo ty = {TY_OTHER, false, "?", NULL};
  if (ts_node_is_null(type)) return ty;
  const char *s = ts_text_collapsed(t, text, type);
  ty.name = s;
  const char *k = ts_node_type(type);
  if (strcmp(k, "primitive_type") == 0) {
    bool flt = strcmp(s, "float") == 0 || strcmp(s, "double") == 0 || strcmp(s, "void") == 0;
    ty.cls = flt ? TY_OTHER : TY_INT;
    ty.is_unsigned = strcmp(s, "bool") == 0 || strcmp(s, "_Bool") == 0 || IN(unsigned_typedefs, s);
  } else if (strcmp(k, "sized_type_specifier") == 0) {
    ty.cls = strstr(s, "double") ? TY_OTHER : TY_INT;
    ty.is_unsigned = strstr(s, "unsigned") != NULL;
  } else if (strcmp(k, "enum_specifier") == 0) {
    ty.cls = TY_INT;
  } else if (strcmp(k, "struct_specifier") == 0 || strcmp(k, "union_specifier") == 0) {
    ty.cls = TY_RECORD;
    TSNode name = ts_field(type, "name");
    if (!ts_node_is_null(name))
      ty.record =
          arena_printf(t->a, "%s %s", strcmp(k, "struct_specifier") == 0 ? "struct" : "union",
                       ts_text(t, text, name));
    ty.name = ty.record ? ty.record : s;
  } else if (strcmp(k, "type_identifier") == 0) {
    TypeInfo *td = map_get(&t->typedefs, str_hash(s), s, str_eq);
    if (td) {
      ty = *td;
      ty.name = s;
    } else if (IN(int_typedefs, s)) {
      ty.cls = TY_INT;
      ty.is_unsigned = IN(unsigned_typedefs, s);
    } else if (IN(record_typedefs, s)) {
      ty.cls = TY_RECORD;
    }
  }
  return ty;
}

TypeInfo ts_type_named(TsUnit *t, const char *name) {
  static const char *const words[] = {"char",   "short",    "int",   "long",
                                      "signed", "unsigned", "_Bool", "bool"};
  TypeInfo ty = {TY_OTHER, false, name, NULL};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strstr(name, words[i])) {
      ty.cls = TY_INT;
      ty.is_unsigned = strstr(name, "unsigned") || strstr(name, "bool") || strstr(name, "_Bool");
      return ty;
    }
  TypeInfo *td = map_get(&t->typedefs, str_hash(name), name, str_eq);
  if (td) {
    ty = *td;
    ty.name = name;
  } else if (IN(int_typedefs, name)) {
    ty.cls = TY_INT;
    ty.is_unsigned = IN(unsigned_typedefs, name);
  } else if (IN(record_typedefs, name)) {
    ty.cls = TY_RECORD;
  }
  return ty;
}

/* `const` and `volatile` written before the type, as clang spells them. */
static const char *qualified(TsUnit *t, const char *text, TSNode type, const char *name) {
  TSNode parent = ts_node_parent(type);
  if (ts_node_is_null(parent)) return name;
  const char *q = "";
  uint32_t cnt = ts_node_child_count(parent);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode k = ts_node_child(parent, i);
    if (ts_node_start_byte(k) >= ts_node_start_byte(type)) break;
    if (ts_is(k, "type_qualifier")) q = arena_printf(t->a, "%s%s ", q, ts_text(t, text, k));
  }
  return q[0] ? arena_printf(t->a, "%s%s", q, name) : name;
}

TypeInfo ts_declared_type(TsUnit *t, const char *text, TSNode type, TSNode decl,
                          const char **name) {
  TypeInfo ty = base_type(t, text, type);
  if (!ts_node_is_null(type)) ty.name = qualified(t, text, type, ty.name);
  return ts_declarator_type(t, text, ty, decl, name);
}

/* A pointer to a function, `R (*name)(params)`, spelled as clang spells
   its type: "void *(*)(size_t)", "int (*)(int, const char *)". NULL for
   any other declarator. */
static const char *fnptr_spelling(TsUnit *t, const char *text, TypeInfo ret, TSNode decl,
                                  const char **name) {
  int stars = 0;
  if (ts_is(decl, "init_declarator")) decl = ts_field(decl, "declarator");
  while (ts_is(decl, "pointer_declarator")) {
    stars++;
    decl = ts_field(decl, "declarator");
  }
  if (!ts_is(decl, "function_declarator")) return NULL;
  TSNode inner = ts_field(decl, "declarator");
  if (!ts_is(inner, "parenthesized_declarator") || ts_node_named_child_count(inner) != 1)
    return NULL;
  TSNode ptr = ts_node_named_child(inner, 0);
  TSNode id = ts_field(ptr, "declarator");
  if (!ts_is(ptr, "pointer_declarator") || !ts_is(id, "identifier")) return NULL;
  Buf b = {0};
  buf_printf(t->a, &b, "%s", ret.name);
  if (stars) buf_printf(t->a, &b, " %.*s", stars < 8 ? stars : 8, "********");
  buf_puts(t->a, &b, stars ? "(*)(" : " (*)(");
  TSNode ps = ts_field(decl, "parameters");
  uint32_t cnt = ts_node_is_null(ps) ? 0 : ts_node_named_child_count(ps);
  int n = 0;
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode p = ts_node_named_child(ps, i);
    const char *spelled = NULL;
    if (ts_is(p, "variadic_parameter"))
      spelled = "...";
    else if (ts_is(p, "parameter_declaration"))
      spelled =
          ts_declared_type(t, text, ts_field(p, "type"), ts_field(p, "declarator"), NULL).name;
    if (spelled) buf_printf(t->a, &b, "%s%s", n++ ? ", " : "", spelled);
  }
  buf_putc(t->a, &b, ')');
  if (name) *name = ts_text(t, text, id);
  return buf_str(t->a, &b);
}

TypeInfo ts_declarator_type(TsUnit *t, const char *text, TypeInfo ty, TSNode decl,
                            const char **name) {
  if (name) *name = NULL;
  const char *fp = fnptr_spelling(t, text, ty, decl, name);
  if (fp) {
    ty.cls = TY_POINTER;
    ty.is_unsigned = false;
    ty.record = NULL;
    ty.name = fp;
    return ty;
  }
  /* Declarators nest outside in: the one nearest the name is the
     outermost type constructor (`char *a[3]` is an array of pointers). */
  TypeClass nearest = ty.cls;
  int pointers = 0;
  Buf dims = {0};
  while (!ts_node_is_null(decl)) {
    const char *k = ts_node_type(decl);
    if (strcmp(k, "identifier") == 0 || strcmp(k, "field_identifier") == 0 ||
        strcmp(k, "type_identifier") == 0) {
      if (name) *name = ts_text(t, text, decl);
      break;
    }
    if (strcmp(k, "pointer_declarator") == 0 || strcmp(k, "abstract_pointer_declarator") == 0) {
      pointers++;
      nearest = TY_POINTER;
    } else if (strcmp(k, "array_declarator") == 0 || strcmp(k, "abstract_array_declarator") == 0) {
      TSNode size = ts_field(decl, "size");
      buf_printf(t->a, &dims, "[%s]", ts_node_is_null(size) ? "" : ts_text(t, text, size));
      nearest = TY_ARRAY;
    } else if (strcmp(k, "function_declarator") == 0 ||
               strcmp(k, "abstract_function_declarator") == 0) {
      nearest = TY_POINTER; /* (*fp)(...): reached through the pointer inside */
    } else if (strcmp(k, "parenthesized_declarator") != 0 &&
               strcmp(k, "abstract_parenthesized_declarator") != 0 &&
               strcmp(k, "attributed_declarator") != 0 && strcmp(k, "init_declarator") != 0) {
      break;
    }
    TSNode inner = ts_field(decl, "declarator");
    if (ts_node_is_null(inner) && ts_node_named_child_count(decl) > 0 &&
        (strcmp(k, "parenthesized_declarator") == 0 ||
         strcmp(k, "abstract_parenthesized_declarator") == 0 ||
         strcmp(k, "attributed_declarator") == 0))
      inner = ts_node_named_child(decl, 0);
    decl = inner;
  }
  if (nearest != ty.cls) {
    ty.cls = nearest;
    ty.is_unsigned = false;
    ty.record = nearest == TY_POINTER || nearest == TY_ARRAY ? ty.record : NULL;
  }
  if (pointers || dims.len) {
    char stars[16];
    int n = pointers < 15 ? pointers : 15;
    memset(stars, '*', (size_t)n);
    stars[n] = 0;
    ty.name = arena_printf(t->a, "%s%s%s%s", ty.name, n ? " " : "", stars,
                           dims.len ? buf_str(t->a, &dims) : "");
  }
  return ty;
}

TypeInfo ts_return_type(TsUnit *t, const char *text, TSNode type, TSNode decl) {
  TypeInfo ty = base_type(t, text, type);
  if (!ts_node_is_null(type)) ty.name = qualified(t, text, type, ty.name);
  int pointers = 0;
  while (!ts_node_is_null(decl) && !ts_is(decl, "function_declarator")) {
    if (ts_is(decl, "pointer_declarator")) pointers++;
    decl = ts_field(decl, "declarator");
  }
  if (pointers) {
    ty.cls = TY_POINTER;
    ty.is_unsigned = false;
    ty.name = arena_printf(t->a, "%s %.*s", ty.name, pointers < 8 ? pointers : 8, "********");
  }
  return ty;
}

TypeInfo ts_call_type(TsUnit *t, const char *callee) {
  TypeInfo ty = {TY_OTHER, false, "?", NULL};
  if (!callee) return ty;
  TypeInfo *rt = map_get(&t->ret_types, str_hash(callee), callee, str_eq);
  if (rt) return *rt;
  const FuncRule *r = t->rules ? rules_find_func(t->rules, callee) : NULL;
  for (int i = 0; r && i < r->nacquires; i++) {
    const Acquire *a = &r->acquires[i];
    if (a->target.arg != TARGET_RET || a->target.nsteps || a->when.always || a->when.on_target)
      continue;
    bool null_test =
        (a->when.op == CMP_EQ || a->when.op == CMP_NE) && a->when.value == 0 && a->when.is_null;
    ty.cls = null_test ? TY_POINTER : TY_INT;
    return ty;
  }
  return ty;
}

/* ---- Typedefs, records, enumerations ------------------------------------- */

/* Union members by name, for member accesses whose base type tree-sitter
   does not know (see TsUnit.union_members). */
static void note_members(TsUnit *t, TSNode spec, const Vec *names) {
  static const char ambiguous[] = "";
  bool is_union = ts_is(spec, "union_specifier");
  const char *first = names->len ? names->data[0] : NULL;
  for (int i = 0; i < names->len; i++) {
    const char *n = names->data[i];
    if (!n[0]) continue;
    unsigned h = str_hash(n);
    if (!is_union) {
      if (!map_get(&t->struct_members, h, n, str_eq))
        map_put(t->a, &t->struct_members, h, n, (void *)ambiguous, str_eq);
      continue;
    }
    const char *had = map_get(&t->union_members, h, n, str_eq);
    if (!had) map_put(t->a, &t->union_members, h, n, (void *)(first[0] ? first : n), str_eq);
  }
}

const char *ts_union_storage(TsUnit *t, const char *member) {
  unsigned h = str_hash(member);
  if (map_get(&t->struct_members, h, member, str_eq)) return NULL;
  return map_get(&t->union_members, h, member, str_eq);
}

static void collect_record(TsUnit *t, TSNode spec, const char *key) {
  TSNode body = ts_field(spec, "body");
  if (ts_node_is_null(body)) return;
  Vec names = {0}, unsig = {0}, recs = {0};
  uint32_t cnt = ts_node_named_child_count(body);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode fdecl = ts_node_named_child(body, i);
    if (!ts_is(fdecl, "field_declaration")) continue;
    TSNode ftype = ts_field(fdecl, "type");
    if (ts_is(ftype, "struct_specifier") || ts_is(ftype, "union_specifier")) {
      TypeInfo inner = base_type(t, t->src, ftype);
      collect_record(t, ftype, inner.record);
    }
    TsIter it;
    bool named = false;
    ts_iter_begin(&it, fdecl);
    TSNode kid;
    const char *fname;
    while (ts_iter_next(&it, &kid, &fname)) {
      if (!fname || strcmp(fname, "declarator") != 0) continue;
      const char *name = NULL;
      TypeInfo fty = ts_declared_type(t, t->src, ftype, kid, &name);
      vec_push(t->a, &names, (void *)(name ? name : ""));
      vec_push(t->a, &unsig, (void *)(uintptr_t)(fty.cls == TY_INT && fty.is_unsigned));
      vec_push(t->a, &recs, (void *)fty.record);
      named = true;
    }
    ts_iter_end(&it);
    if (!named) { /* an anonymous member */
      vec_push(t->a, &names, (void *)"");
      vec_push(t->a, &unsig, NULL);
      vec_push(t->a, &recs, NULL);
    }
  }
  note_members(t, spec, &names);
  if (!key) return;
  Fields *f = ARENA_NEW(t->a, Fields);
  f->names = (const char **)names.data;
  f->records = (const char **)recs.data;
  f->n = names.len;
  f->is_unsigned = ARENA_ARRAY(t->a, bool, names.len + 1);
  for (int i = 0; i < unsig.len; i++)
    f->is_unsigned[i] = unsig.data[i] != NULL;
  unsigned h = str_hash(key);
  if (!map_get(&t->records, h, key, str_eq)) map_put(t->a, &t->records, h, key, f, str_eq);
}

static void collect_enum(TsUnit *t, TSNode spec) {
  TSNode body = ts_field(spec, "body");
  if (ts_node_is_null(body)) return;
  long next = 0;
  uint32_t cnt = ts_node_named_child_count(body);
  for (uint32_t i = 0; i < cnt; i++) {
    TSNode e = ts_node_named_child(body, i);
    if (!ts_is(e, "enumerator")) continue;
    TSNode name = ts_field(e, "name"), value = ts_field(e, "value");
    if (!ts_node_is_null(value)) {
      const char *s = ts_text(t, t->src, value);
      char *end;
      long v = strtol(s, &end, 0);
      if (*end == 0 || ((*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L') && end > s))
        next = v;
      else if (s[0] == '-' && (v = strtol(s + 1, &end, 0), *end == 0))
        next = -v;
      else
        continue; /* an expression: this enumerator's value is unknown */
    }
    long *p = ARENA_NEW(t->a, long);
    *p = next++;
    const char *n = ts_text(t, t->src, name);
    map_put(t->a, &t->enums, str_hash(n), n, p, str_eq);
  }
}

/* Records and enumerations defined anywhere under n. */
static void collect_specifiers(TsUnit *t, TSNode n, const char *typedef_name) {
  const char *k = ts_node_type(n);
  if (strcmp(k, "struct_specifier") == 0 || strcmp(k, "union_specifier") == 0) {
    TypeInfo ty = base_type(t, t->src, n);
    collect_record(t, n, ty.record ? ty.record : typedef_name);
  } else if (strcmp(k, "enum_specifier") == 0) {
    collect_enum(t, n);
  }
  TSNode type = ts_field(n, "type");
  if (!ts_node_is_null(type) && !ts_node_eq(type, n)) collect_specifiers(t, type, typedef_name);
}

void ts_types_collect(TsUnit *t, TSNode n) {
  if (!ts_is(n, "type_definition")) {
    collect_specifiers(t, n, NULL);
    return;
  }
  TSNode type = ts_field(n, "type");
  TsIter it;
  const char *first = NULL;
  ts_iter_begin(&it, n);
  TSNode kid;
  const char *fname;
  while (ts_iter_next(&it, &kid, &fname)) {
    if (!fname || strcmp(fname, "declarator") != 0) continue;
    const char *name = NULL;
    TypeInfo ty = ts_declared_type(t, t->src, type, kid, &name);
    if (!name) continue;
    if (!first) first = name;
    /* `typedef struct { ... } conn;`: the record is known by the typedef. */
    if (ty.cls == TY_RECORD && !ty.record) ty.record = name;
    TypeInfo *p = ARENA_NEW(t->a, TypeInfo);
    *p = ty;
    map_put(t->a, &t->typedefs, str_hash(name), name, p, str_eq);
  }
  ts_iter_end(&it);
  collect_specifiers(t, type, first);
}
