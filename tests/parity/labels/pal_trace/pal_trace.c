/*
 * pal_trace: what QGIS 3.22's label solver does, step by step, from the
 * outside (a developer's tool for label parity, never built in CI).
 *
 * libqgis_core exports PAL's classes, and calls between its own exported
 * functions go through the PLT, so a library preloaded into QGIS's Python
 * stands in for a few of them, logs, and calls the real one:
 *
 *   N x1 y1 w h alpha cost   a LabelPosition made (creation order, the cost
 *                            before obstacles; curved labels: per character)
 *   V id x0 y0 alpha | x1 y1 x2 y2 x3 y3 cost=…
 *                            a candidate as the problem holds it (id order,
 *                            its four corners and final cost)
 *   C0 id id conflict        conflict tests while counting overlaps
 *   REDUCE / R id            Problem::reduce and the candidates it drops
 *   FALP / I id / FALPEND    init_sol_falp's ignoreLabel calls, in order
 *
 * Build and run (Debian's QGIS 3.22.16; offsets from its libqgis_core):
 *
 *   gcc -shared -fPIC -O1 -o /tmp/pal_trace.so pal_trace.c -ldl
 *   PAL_LOG=/tmp/pal.log [PAL_CTOR=1] LD_PRELOAD=/tmp/pal_trace.so \
 *     QT_QPA_PLATFORM=offscreen /usr/bin/python3 <script rendering a job>
 *
 * Compare with the same steps of worker/labels/problem.ts (ids are the
 * candidates' order in the problem, the same in both when the candidates
 * are). LabelPosition::mCost sits at byte 0x118 of the object in that build
 * (LabelPosition::validateCost reads it there).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#define CORE "/usr/lib/libqgis_core.so.3.22.16"
#define COST_OFFSET 0x118

static void *core(void) {
  static void *h;
  if (!h) h = dlopen(CORE, RTLD_NOLOAD | RTLD_LAZY);
  return h;
}

static FILE *out(void) {
  static FILE *f;
  if (!f) {
    const char *p = getenv("PAL_LOG");
    f = fopen(p ? p : "/tmp/pal.log", "w");
    setvbuf(f, NULL, _IOLBF, 0);
  }
  return f;
}

typedef int (*id_fn)(const void *);
typedef double (*coord_fn)(const void *, int);
typedef double (*alpha_fn)(const void *);
static id_fn get_id;
static coord_fn get_x, get_y;
static alpha_fn get_alpha;

static void init(void) {
  if (get_id) return;
  get_id = (id_fn)dlsym(core(), "_ZNK3pal13LabelPosition5getIdEv");
  get_x = (coord_fn)dlsym(core(), "_ZNK3pal13LabelPosition4getXEi");
  get_y = (coord_fn)dlsym(core(), "_ZNK3pal13LabelPosition4getYEi");
  get_alpha = (alpha_fn)dlsym(core(), "_ZNK3pal13LabelPosition8getAlphaEv");
}

/* 0 extracting the problem, 1 reduce, 2 FALP, 3 chain search */
static int phase = 0;

_Bool _ZNK3pal3Pal24candidatesAreConflictingEPKNS_13LabelPositionES3_(
    const void *self, const void *a, const void *b) {
  static _Bool (*real)(const void *, const void *, const void *);
  if (!real)
    real = dlsym(core(),
                 "_ZNK3pal3Pal24candidatesAreConflictingEPKNS_13LabelPositionES3_");
  init();
  _Bool r = real(self, a, b);
  if (phase <= 1) fprintf(out(), "C%d %d %d %d\n", phase, get_id(a), get_id(b), (int)r);
  return r;
}

void _ZN3pal7Problem11ignoreLabelEPKNS_13LabelPositionERNS_13PriorityQueueER8PalRtreeIS1_E(
    void *self, const void *lp, void *list, void *index) {
  static void (*real)(void *, const void *, void *, void *);
  if (!real)
    real = dlsym(core(),
                 "_ZN3pal7Problem11ignoreLabelEPKNS_13LabelPositionERNS_13PriorityQueueER8PalRtreeIS1_E");
  init();
  fprintf(out(), "I %d\n", get_id(lp));
  real(self, lp, list, index);
}

void _ZN3pal13LabelPosition12validateCostEv(void *self) {
  static void (*real)(void *);
  if (!real) real = dlsym(core(), "_ZN3pal13LabelPosition12validateCostEv");
  init();
  fprintf(out(), "V %d %.3f %.3f %.4f | %.3f %.3f %.3f %.3f %.3f %.3f cost=%.17g\n",
          get_id(self), get_x(self, 0), get_y(self, 0), get_alpha(self),
          get_x(self, 1), get_y(self, 1), get_x(self, 2), get_y(self, 2),
          get_x(self, 3), get_y(self, 3), *(double *)((char *)self + COST_OFFSET));
  real(self);
}

void _ZN3pal7Problem6reduceEv(void *self) {
  static void (*real)(void *);
  if (!real) real = dlsym(core(), "_ZN3pal7Problem6reduceEv");
  phase = 1;
  fprintf(out(), "REDUCE\n");
  real(self);
}

void _ZN3pal7Problem13init_sol_falpEv(void *self) {
  static void (*real)(void *);
  if (!real) real = dlsym(core(), "_ZN3pal7Problem13init_sol_falpEv");
  phase = 2;
  fprintf(out(), "FALP\n");
  real(self);
  phase = 3;
  fprintf(out(), "FALPEND\n");
}

void _ZN3pal13LabelPosition15removeFromIndexER8PalRtreeIS0_E(void *self, void *index) {
  static void (*real)(void *, void *);
  if (!real) real = dlsym(core(), "_ZN3pal13LabelPosition15removeFromIndexER8PalRtreeIS0_E");
  init();
  if (phase == 1) fprintf(out(), "R %d\n", get_id(self));
  real(self, index);
}

typedef void (*ctor_fn)(void *, int, double, double, double, double, double, double,
                        void *, _Bool, int);

static void made(double x1, double y1, double w, double h, double alpha, double cost) {
  if (getenv("PAL_CTOR"))
    fprintf(out(), "N %.6f %.6f %.4f %.4f %.5f cost=%.17g\n", x1, y1, w, h, alpha, cost);
}

#define CTOR(name)                                                                   \
  void name(void *self, int id, double x1, double y1, double w, double h,            \
            double alpha, double cost, void *part, _Bool reversed, int quadrant) {   \
    static ctor_fn real;                                                             \
    if (!real) real = (ctor_fn)dlsym(core(), #name);                                 \
    made(x1, y1, w, h, alpha, cost);                                                 \
    real(self, id, x1, y1, w, h, alpha, cost, part, reversed, quadrant);             \
  }
CTOR(_ZN3pal13LabelPositionC1EiddddddPNS_11FeaturePartEbNS0_8QuadrantE)
CTOR(_ZN3pal13LabelPositionC2EiddddddPNS_11FeaturePartEbNS0_8QuadrantE)
