-- made by make_reference.py: points around the corners of the search
-- rectangle of request.json, inserted out of key order
CREATE TABLE public.pts (id int4 PRIMARY KEY, name text, geom geometry(Point, 2056));
INSERT INTO public.pts VALUES (5, 'p5', ST_SetSRID(ST_MakePoint(2500565.75, 1117284.83), 2056));
INSERT INTO public.pts VALUES (1, 'p1', ST_SetSRID(ST_MakePoint(2500525.75, 1117314.83), 2056));
INSERT INTO public.pts VALUES (2, 'p2', ST_SetSRID(ST_MakePoint(2500175.81, 1117636.08), 2056));
INSERT INTO public.pts VALUES (3, 'p3', ST_SetSRID(ST_MakePoint(2500186.81, 1117657.08), 2056));
INSERT INTO public.pts VALUES (4, 'p4', ST_SetSRID(ST_MakePoint(2500908.10, 1117684.68), 2056));
CREATE INDEX ON public.pts USING gist (geom);
ANALYZE public.pts;
