#!/usr/bin/env python3
"""Build the embedded default landbridge network data/eurasia/ from the tables in this folder.

Run from the repository root:  python3 tools/eurasia/build_network.py

Inputs (this folder): nodes.csv, rail_links.csv, transfers.csv, sea_links.csv, parameters.csv,
sources_head.md; and ../shared/data/geo/marnet_densified.geojson + marnet-chokepoints.csv
(relative to the repository root) for the sea lanes.
Outputs: data/eurasia/nodes.geojson, data/eurasia/links.geojson, data/eurasia/SOURCES.md.

Deterministic: Python 3 standard library only, no randomness, no clock. The output is byte-identical
between runs. The script checks the network (ids, gauges, transfers, customs rule, connectivity,
source keys, counts) and the validation routes, and exits with status 1 if a check fails.
"""
import csv
import heapq
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
GEO = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'data', 'geo'))
OUT = os.path.join(ROOT, 'data', 'eurasia')

R_EARTH = 6371.0088
KM_PER_NM = 1.852

EU = set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split())
EAEU = set('AM BY KG KZ RU'.split())

PASSAGE_BOXES = {  # marnet-chokepoints.csv name -> passage tag (others are not passage tags)
    'Suez Canal': 'suez', 'Bab-el-Mandeb': 'bab-el-mandeb', 'Strait of Hormuz': 'hormuz',
    'Malacca/Singapore Str': 'malacca', 'Sunda Strait': 'sunda', 'Lombok Strait': 'lombok',
    'Gibraltar': 'gibraltar', 'Dover Strait': 'dover', 'Bosporus': 'bosporus',
    'Dardanelles': 'dardanelles', 'Cape of Good Hope (S of 34S, 17-21E)': 'cape-of-good-hope',
    'Taiwan Strait': 'taiwan-strait',
}

errors = []


def fail(msg):
    errors.append(msg)


def hav(a, b):
    """Great-circle distance in km between (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    d = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * R_EARTH * math.asin(math.sqrt(d))


def read_table(name):
    with open(os.path.join(HERE, name), encoding='utf-8', newline='') as f:
        rows = [r for r in csv.DictReader(f) if not r[next(iter(r))].startswith('#')]
    return rows


# ----------------------------------------------------------------------------------------------
# inputs
# ----------------------------------------------------------------------------------------------
PARAM_ROWS = read_table('parameters.csv')
P = {r['key']: r['value'] for r in PARAM_ROWS}
PSRC = {r['key']: r['source'].split() for r in PARAM_ROWS}


def pf(key):
    return float(P[key])


NODE_ROWS = read_table('nodes.csv')
RAIL_ROWS = read_table('rail_links.csv')
TRANSFER_ROWS = read_table('transfers.csv')
SEA_ROWS = read_table('sea_links.csv')

nodes = {}
for r in NODE_ROWS:
    if r['id'] in nodes:
        fail('duplicate node id %s' % r['id'])
    nodes[r['id']] = r
    r['pos'] = (float(r['lon']), float(r['lat']))

CUSTOMS = {}
for k, v in P.items():
    if k.startswith('customs_'):
        h, u = v.split('|')
        CUSTOMS[k[len('customs_'):]] = (float(h), float(u), PSRC[k])


def territory(nid):
    n = nodes[nid]
    if n['free_zone'] == 'true':
        return 'FZ:' + nid
    c = n['country']
    if not c:
        return None
    if c in EU:
        return 'EU'
    if c in EAEU:
        return 'EAEU'
    return c


def gc(a, b):
    return hav(nodes[a]['pos'], nodes[b]['pos'])


# ----------------------------------------------------------------------------------------------
# distances: circuity factor measured on the published Chongqing–Duisburg distance
# ----------------------------------------------------------------------------------------------
ref_chain = P['rate_ref_chain'].split()
CIRC_ROUTES = []
for k in sorted(P):
    if k.startswith('circuity_route_'):
        km_s, chain_s = P[k].split('|')
        chain = chain_s.split()
        CIRC_ROUTES.append((k, float(km_s), chain, sum(gc(a, b) for a, b in zip(chain, chain[1:]))))
CIRC_PUB = sum(r[1] for r in CIRC_ROUTES)
CIRC_GC = sum(r[3] for r in CIRC_ROUTES)
CIRCUITY = CIRC_PUB / CIRC_GC

links = []  # dicts with the output properties (+ private keys starting with _)
for r in RAIL_ROWS:
    km_pub = r['km'].strip()
    km = float(km_pub) if km_pub else gc(r['from'], r['to']) * CIRCUITY
    links.append({'id': r['id'], 'from': r['from'], 'to': r['to'], 'mode': 'rail', 'length_km': km,
                  'gauge_mm': int(r['gauge']), '_section': r['section'], '_km_published': bool(km_pub),
                  'corridor': r['corridor'].split(), 'passage': r['passage'] or None, '_note': r['note'],
                  '_km_source': (r.get('km_source') or '').split()})
    if km_pub and not links[-1]['_km_source']:
        fail('rail link %s: published km without km_source' % r['id'])
for r in TRANSFER_ROWS:
    links.append({'id': r['id'], 'from': r['from'], 'to': r['to'], 'mode': 'transfer',
                  'length_km': gc(r['from'], r['to']) * CIRCUITY, 'transfer': r['transfer'],
                  '_row': r, 'corridor': r['corridor'].split(), '_note': r['note']})


def dijkstra(adj, src, dst, weight):
    """Shortest path src -> dst; weight(x, y, e) gives an edge's weight or None to skip it.
    Returns (distance, [(x, y, e), ...]) or (None, None) when dst is unreachable."""
    dist = {src: 0.0}
    prev = {}
    pq = [(0.0, src)]
    while pq:
        d, x = heapq.heappop(pq)
        if x == dst:
            break
        if d > dist[x]:
            continue
        for y, e in adj.get(x, ()):
            w = weight(x, y, e)
            if w is None:
                continue
            nd = d + w
            if nd < dist.get(y, float('inf')) - 1e-12:
                dist[y] = nd
                prev[y] = (x, e)
                heapq.heappush(pq, (nd, y))
    if dst not in dist:
        return None, None
    path = []
    y = dst
    while y != src:
        x, e = prev[y]
        path.append((x, y, e))
        y = x
    path.reverse()
    return dist[dst], path


def build_adj(lks):
    adj = {}
    for e in lks:
        adj.setdefault(e['from'], []).append((e['to'], e))
        adj.setdefault(e['to'], []).append((e['from'], e))
    for k in adj:
        adj[k].sort(key=lambda t: (t[1]['id'], t[0]))
    return adj


# ----------------------------------------------------------------------------------------------
# rail speeds and rates
# ----------------------------------------------------------------------------------------------
rail_adj = build_adj([e for e in links if e['mode'] == 'rail'])
D1520, _ = dijkstra(rail_adj, P['e1520_ref_from'], P['e1520_ref_to'],
                    lambda x, y, e: e['length_km'] if e['_section'] == 'e1520' else None)
DAYS1520 = (pf('e1520_days_2020') + pf('e1520_days_2024')) / 2
SPEED = {
    'cn': pf('speed_cn_kmh'), 'eu': pf('speed_eu_kmh'), 'caucasus': pf('speed_caucasus_kmh'),
    'tr': pf('speed_tr_kmh'), 'e1520': D1520 / (DAYS1520 * 24),
}
ERAI_FEU = (pf('erai_2018_09_usd_feu') + pf('erai_2021_01_usd_feu')) / 2
RATE_1520 = ERAI_FEU / 2 / D1520

by_id = {e['id']: e for e in links}


def chain_links(chain):
    out = []
    for a, b in zip(chain, chain[1:]):
        cand = [e for e in links if {e['from'], e['to']} == {a, b}]
        if len(cand) != 1:
            fail('reference chain: no unique link %s-%s' % (a, b))
            continue
        out.append(cand[0])
    return out


ref_links = chain_links(ref_chain)
D_cn = sum(e['length_km'] for e in ref_links if e.get('_section') == 'cn')
D_eu = sum(e['length_km'] for e in ref_links if e.get('_section') == 'eu')
n_gauge_ref = sum(1 for e in ref_links if e.get('transfer') == 'gauge')
FULL_TEU = pf('full_rate_cn_de_usd_feu') / 2
REMAINDER = FULL_TEU - pf('erai_2021_01_usd_feu') / 2 - n_gauge_ref * pf('usd_gauge')
RATE_CN = REMAINDER / (D_cn + pf('eu_rate_multiplier') * D_eu)
RATE = {'cn': RATE_CN, 'eu': RATE_CN * pf('eu_rate_multiplier'), 'e1520': RATE_1520,
        'caucasus': RATE_1520 * pf('caucasus_rate_multiplier'),
        'tr': RATE_1520 * pf('caucasus_rate_multiplier')}
PAY = pf('payload_t_per_teu')
CO2_RAIL = {  # kg per TEU-km
    'cn': pf('co2_rail_cn1520_g_tkm') * PAY / 1000, 'e1520': pf('co2_rail_cn1520_g_tkm') * PAY / 1000,
    'eu': pf('co2_rail_eu_g_tkm') * PAY / 1000, 'caucasus': pf('co2_rail_diesel_g_tkm') * PAY / 1000,
    'tr': pf('co2_rail_diesel_g_tkm') * PAY / 1000,
}
SECTION_SOURCES = {
    'cn': ['est-speed-cn', 'customized-sourcing-2020', 'tels-2021-erai', 'est-rates-cn-eu', 'stu-co2'],
    'eu': ['est-speed-eu', 'customized-sourcing-2020', 'tels-2021-erai', 'est-rates-cn-eu', 'kim-ce-delft-2014', 'stu-co2'],
    'e1520': ['utlc-2020-transit', 'erai-2024', 'utlc-cilf-2018', 'tels-2021-erai', 'stu-co2'],
    'caucasus': ['est-speed-caucasus', 'utlc-cilf-2018', 'tels-2021-erai', 'est-rates-caucasus', 'defra-2007', 'stu-co2'],
    'tr': ['est-speed-caucasus', 'utlc-cilf-2018', 'tels-2021-erai', 'est-rates-caucasus', 'defra-2007', 'stu-co2'],
}

for e in links:
    if e['mode'] != 'rail':
        continue
    s = e['_section']
    e['hours'] = e['length_km'] / SPEED[s]
    e['usd_per_teu'] = e['length_km'] * RATE[s]
    e['co2_kg_per_teu'] = e['length_km'] * CO2_RAIL[s]
    e['capacity_teu_per_day'] = None
    src = (e['_km_source'] if e['_km_published'] else ['est-circuity', 'yuxinou-2013', 'zz-hamburg', 'chengdu-lodz', 'yiwu-madrid']) + SECTION_SOURCES[s]
    e['source'] = src


def capacity(spec):
    if not spec:
        return None
    kind, val = spec.split(':')
    val = float(val)
    if kind == 'trains':
        return val * pf('teu_per_train')
    if kind == 'yr':
        return val / 365
    if kind == 'day':
        return val
    if kind == 'yr_t':
        return val / pf('t_per_teu_gross') / 365
    fail('bad capacity spec %s' % spec)
    return None


for e in links:
    if e['mode'] != 'transfer':
        continue
    r = e['_row']
    e['hours'] = float(r['hours'])
    e['usd_per_teu'] = pf('usd_' + r['usd'])
    e['co2_kg_per_teu'] = pf('co2_transfer_' + r['co2'])
    e['capacity_teu_per_day'] = capacity(r['capacity'])
    src = r['source'].split()
    if r['capacity'].startswith('trains') and 'train-size' not in src:
        src.append('train-size')
    e['source'] = src

# ----------------------------------------------------------------------------------------------
# sea lanes on marnet
# ----------------------------------------------------------------------------------------------
with open(os.path.join(GEO, 'marnet_densified.geojson'), encoding='utf-8') as f:
    marnet = json.load(f)
boxes = {}
with open(os.path.join(GEO, 'marnet-chokepoints.csv'), encoding='utf-8', newline='') as f:
    for r in csv.DictReader(f):
        if r['name'] in PASSAGE_BOXES:
            boxes[PASSAGE_BOXES[r['name']]] = tuple(float(r[k]) for k in ('min_lon', 'min_lat', 'max_lon', 'max_lat'))


def in_box(p, b):
    return b[0] <= p[0] <= b[2] and b[1] <= p[1] <= b[3]


def passages_of(p):
    return sorted(t for t, b in boxes.items() if in_box(p, b))


madj = {}
for ft in marnet['features']:
    cs = [tuple(c) for c in ft['geometry']['coordinates']]
    for a, b in zip(cs, cs[1:]):
        if a == b:
            continue
        d = hav(a, b)
        for x, y in ((a, b), (b, a)):
            m = madj.setdefault(x, {})
            if y not in m or m[y] > d:
                m[y] = d
mverts = sorted(madj)
comp = {}
comp_size = []
for v in mverts:
    if v in comp:
        continue
    cid = len(comp_size)
    comp[v] = cid
    st = [v]
    n = 0
    while st:
        x = st.pop()
        n += 1
        for y in madj[x]:
            if y not in comp:
                comp[y] = cid
                st.append(y)
    comp_size.append(n)
BIG = max(range(len(comp_size)), key=lambda i: (comp_size[i], -i))


def snap(pos, cid):
    return min((v for v in mverts if comp[v] == cid), key=lambda v: (hav(pos, v), v))


def nearest_comp(pos):
    v = min(mverts, key=lambda v: (hav(pos, v), v))
    return comp[v]


AVOID_BOXES = {'taiwan-strait': (116.5, 22.0, 121.0, 26.0)}  # wider than the passage box: the coastal lane


def marnet_path(a, b, avoid):
    banned = [AVOID_BOXES.get(t, boxes[t]) for t in avoid]

    def ok(p):
        return not any(in_box(p, bx) for bx in banned)
    dist = {a: 0.0}
    prev = {}
    pq = [(0.0, a)]
    while pq:
        d, x = heapq.heappop(pq)
        if x == b:
            break
        if d > dist[x]:
            continue
        for y in sorted(madj[x]):
            if not ok(y):
                continue
            nd = d + madj[x][y]
            if nd < dist.get(y, float('inf')) - 1e-12:
                dist[y] = nd
                prev[y] = x
                heapq.heappush(pq, (nd, y))
    if b not in dist:
        return None, None
    path = [b]
    while path[-1] != a:
        path.append(prev[path[-1]])
    path.reverse()
    return dist[b], path


def simplify(pts, tol):
    """Douglas–Peucker in lon/lat degrees."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        ax, ay = pts[i]
        bx, by = pts[j]
        dx, dy = bx - ax, by - ay
        L2 = dx * dx + dy * dy
        best, bi = -1.0, -1
        for k in range(i + 1, j):
            px, py = pts[k]
            if L2 == 0:
                dd = math.hypot(px - ax, py - ay)
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / L2))
                dd = math.hypot(px - ax - t * dx, py - ay - t * dy)
            if dd > best:
                best, bi = dd, k
        if best > tol:
            keep[bi] = True
            stack.append((i, bi))
            stack.append((bi, j))
    return [p for p, k in zip(pts, keep) if k]


SEA_KMH = pf('sea_speed_kn') * KM_PER_NM
SEA_REF_D = None
sea_geom = {}
big_verts = [v for v in mverts if comp[v] == BIG]


def snap_big(pos):
    return min(big_verts, key=lambda v: (hav(pos, v), v))


big_set = set(big_verts)


def port_snap(nid):
    """Lane vertex of a seaport: the nearest vertex of the main marnet component, unless nodes.csv names one in
    `sea_snap` (where the nearest vertex is a dead-end spur of another port, e.g. Algeciras)."""
    n = nodes[nid]
    if n.get('sea_snap'):
        v = tuple(float(x) for x in n['sea_snap'].split())
        if v not in big_set:
            fail('node %s: sea_snap %s is not a vertex of the main marnet component' % (nid, n['sea_snap']))
            return snap_big(n['pos'])
        return v
    return snap_big(n['pos'])


# Sea waypoints are snapped onto "spines": shortest marnet paths between reference port pairs
# (sea_spines.csv), to the spine vertex nearest the waypoint's nominal position (or, for a waypoint on several
# spines, to the nearest vertex the spines share). Links between consecutive waypoints then follow sub-paths of
# the spines, so the sum of link lengths equals the shortest marnet distance of the reference pairs.
SPINE_ROWS = read_table('sea_spines.csv')
spine_verts = {}
for r in SPINE_ROWS:
    d, path = marnet_path(snap_big(nodes[r['from']]['pos']), snap_big(nodes[r['to']]['pos']), r['avoid'].split())
    if d is None:
        fail('spine %s: no path' % r['spine'])
        continue
    for w in r['waypoints'].split():
        spine_verts.setdefault(w, []).append(set(path))
wp_snap = {}
for w, sets in sorted(spine_verts.items()):
    cand = set.intersection(*sets)
    if not cand:
        fail('waypoint %s: its spines share no vertex' % w)
        continue
    wp_snap[w] = min(cand, key=lambda v: (hav(nodes[w]['pos'], v), v))
for nid, n in nodes.items():
    if n['kind'] in ('junction', 'chokepoint') and nid not in wp_snap:
        fail('sea waypoint %s is on no spine' % nid)
SEA_CIRCUITY = pf('ferry_circuity')

for r in SEA_ROWS:
    a, b = nodes[r['from']], nodes[r['to']]
    e = {'id': r['id'], 'from': r['from'], 'to': r['to'], 'mode': r['mode'],
         'corridor': r['corridor'].split(), '_basin': r['basin'], '_note': r['note'],
         'capacity_teu_per_day': capacity(r['capacity']), 'passage': None}
    if r['basin'] != 'ocean':
        # enclosed seas: marnet is too coarse there (a few vertices in the Caspian, no direct Black Sea
        # crossing), so the ferry distance is great-circle (through an optional drawing vertex) x sea circuity
        pts = [a['pos']]
        if r['draw_via']:
            pts.append(tuple(float(x) for x in r['draw_via'].split()))
        pts.append(b['pos'])
        e['length_km'] = sum(hav(p, q) for p, q in zip(pts, pts[1:])) * SEA_CIRCUITY
        sea_geom[r['id']] = pts
        links.append(e)
        continue
    sa = wp_snap.get(r['from']) or port_snap(r['from'])
    sb = wp_snap.get(r['to']) or port_snap(r['to'])
    d, path = marnet_path(sa, sb, r['avoid'].split())
    if d is None:
        fail('sea link %s: no marnet path' % r['id'])
        continue
    # ports (not sea waypoints) add their access distance to the lane
    for n, sv in ((a, sa), (b, sb)):
        if n['kind'] == 'seaport':
            d += hav(n['pos'], sv)
    ends = {x['passage'] for x in (a, b) if x['passage']}
    crossed = set()
    for p in path:
        crossed.update(passages_of(p))
    extra = sorted(crossed - ends)
    if len(extra) > 1:
        fail('sea link %s crosses several passages %s' % (r['id'], extra))
    e['passage'] = extra[0] if extra else None
    e['length_km'] = d
    sea_geom[r['id']] = [a['pos']] + simplify(path, 0.02) + [b['pos']]
    links.append(e)

sea_adj = build_adj([e for e in links if e['mode'] == 'sea'])
SEA_REF_D, _ = dijkstra(sea_adj, P['sea_ref_from'], P['sea_ref_to'], lambda x, y, e: e['length_km'])
RATE_SEA = pf('sea_ref_usd_feu') / 2 / SEA_REF_D
for e in links:
    if e['mode'] == 'sea':
        e['hours'] = e['length_km'] / SEA_KMH
        e['usd_per_teu'] = e['length_km'] * RATE_SEA
        e['co2_kg_per_teu'] = e['length_km'] * pf('co2_sea_kg_teukm')
        e['source'] = ['marnet', 'sea-route-ref', 'rodrigue-pemp', 'drewry-wci', 'glec-v31']
    elif e['mode'] == 'ferry':
        wait = pf('caspian_wait_h') if e['_basin'] == 'caspian' else pf('blacksea_wait_h')
        e['hours'] = e['length_km'] / pf('ferry_speed_kmh') + wait
        e['usd_per_teu'] = pf('ferry_caspian_usd_teu') if e['_basin'] == 'caspian' else pf('ferry_blacksea_usd_teu')
        e['co2_kg_per_teu'] = e['length_km'] * pf('co2_ropax_kg_tkm') * pf('ferry_t_per_teu')
        src = ['est-ferry-distance', 'eurasia-travel-caspian', 'est-ferry-wait', 'est-ferry-rates', 'glec-v3-ropax', 'est-ferry-load']
        src += ['trend-2025-baku', 'oecd-2023-mc'] if e['_basin'] == 'caspian' else ['e60-ferry']
        if e['capacity_teu_per_day'] is not None and e['id'] != 'F-AKT-BAK':
            src.append('est-port-capacity')
        e['source'] = src

# ----------------------------------------------------------------------------------------------
# node properties
# ----------------------------------------------------------------------------------------------
COORD_SRC = {'geonames': 'geonames', 'sea-ports': 'sea-ports', 'facts': 'facts-coords', 'est': 'est-coords'}
for nid, n in nodes.items():
    src = [COORD_SRC[n['coord_src']]]
    if n['customs_class']:
        h, u, s = CUSTOMS[n['customs_class']]
        n['customs_hours'], n['customs_usd'] = h, u
        src += s
    if n['free_zone'] == 'true':
        src.append('great-stone')
    if n['kind'] in ('chokepoint', 'junction'):
        src.append('marnet-chokepoints' if n['kind'] == 'chokepoint' else 'marnet')
    n['source'] = src

# ----------------------------------------------------------------------------------------------
# checks
# ----------------------------------------------------------------------------------------------
KINDS = {'terminal', 'border', 'seaport', 'hub', 'chokepoint', 'junction'}
MODES = {'rail', 'sea', 'road', 'ferry', 'transfer'}
PASSAGES = {'suez', 'bab-el-mandeb', 'malacca', 'bosporus', 'dardanelles', 'gibraltar', 'cape-of-good-hope',
            'hormuz', 'dover', 'taiwan-strait', 'sunda', 'lombok'}
ID_RE = re.compile(r'^[A-Za-z0-9_-]+$')
for nid, n in nodes.items():
    if not ID_RE.match(nid):
        fail('bad node id %s' % nid)
    if n['kind'] not in KINDS:
        fail('node %s: bad kind' % nid)
    if n['kind'] == 'chokepoint' and n['passage'] not in PASSAGES:
        fail('chokepoint %s without passage' % nid)
    if n['kind'] not in ('chokepoint', 'junction') and not re.match(r'^[A-Z]{2}$', n['country']):
        fail('node %s: country required' % nid)
    if n['kind'] in ('chokepoint', 'junction') and n['country']:
        fail('node %s: sea node with a country' % nid)
seen = set()
for e in links:
    if e['id'] in seen or not ID_RE.match(e['id']):
        fail('link id %s duplicate or bad' % e['id'])
    seen.add(e['id'])
    if e['from'] not in nodes or e['to'] not in nodes or e['from'] == e['to']:
        fail('link %s: bad endpoints' % e['id'])
    if e['mode'] not in MODES:
        fail('link %s: bad mode' % e['id'])
    for k in ('length_km', 'hours', 'usd_per_teu', 'co2_kg_per_teu'):
        if not (isinstance(e[k], (int, float)) and math.isfinite(e[k]) and e[k] >= 0):
            fail('link %s: bad %s' % (e['id'], k))
    if e.get('passage') and e['passage'] not in PASSAGES:
        fail('link %s: bad passage' % e['id'])
    if e['mode'] == 'transfer' and e['transfer'] not in ('gauge', 'port', 'ferry', 'terminal'):
        fail('link %s: bad transfer kind' % e['id'])

node_gauge = {}
for e in links:
    if e['mode'] == 'rail':
        if e['gauge_mm'] not in (1435, 1520, 1524, 1668):
            fail('link %s: bad gauge' % e['id'])
        for x in (e['from'], e['to']):
            g = node_gauge.setdefault(x, e['gauge_mm'])
            if g != e['gauge_mm']:
                fail('node %s has rail links of gauges %s and %s' % (x, g, e['gauge_mm']))
for e in links:
    if e['mode'] == 'transfer' and e['transfer'] == 'gauge':
        ga, gb = node_gauge.get(e['from']), node_gauge.get(e['to'])
        if ga is None or gb is None or ga == gb:
            fail('gauge transfer %s joins gauges %s and %s' % (e['id'], ga, gb))
# every rail-side node of a break must not also be reachable on the other gauge without a transfer: implied above

# customs: every node entered from another territory needs customs fields
entered = {}
for e in links:
    pairs = [(e['from'], e['to']), (e['to'], e['from'])] if not e.get('oneway') else [(e['from'], e['to'])]
    for a, b in pairs:
        ta, tb = territory(a), territory(b)
        if tb is not None and ta != tb:
            entered.setdefault(b, []).append(e['id'])
for nid in sorted(entered):
    if 'customs_hours' not in nodes[nid]:
        fail('customs: node %s is entered from another territory (links %s) but has no customs fields'
             % (nid, ' '.join(entered[nid])))
unused_customs = sorted(nid for nid, n in nodes.items() if 'customs_hours' in n and nid not in entered)
for nid in unused_customs:
    fail('customs: node %s has customs fields but is never entered from another territory' % nid)

# connectivity
all_adj = build_adj(links)
start = sorted(nodes)[0]
st, vis = [start], {start}
while st:
    x = st.pop()
    for y, _ in all_adj.get(x, ()):
        if y not in vis:
            vis.add(y)
            st.append(y)
if len(vis) != len(nodes):
    fail('graph not connected: unreachable %s' % sorted(set(nodes) - vis))

# ----------------------------------------------------------------------------------------------
# routing for validation
# ----------------------------------------------------------------------------------------------


def route(src, dst, via=(), avoid_countries=(), avoid_passages=(), modes=None, weight='time'):
    def usable_node(nid):
        n = nodes[nid]
        return n['country'] not in avoid_countries and n['passage'] not in avoid_passages

    def w(e):
        if modes and e['mode'] not in modes:
            return None
        if e.get('passage') in avoid_passages:
            return None
        return e['length_km'] if weight == 'km' else e['hours']

    adj = {}
    for e in links:
        if not (usable_node(e['from']) and usable_node(e['to'])):
            continue
        adj.setdefault(e['from'], []).append((e['to'], e))
        adj.setdefault(e['to'], []).append((e['from'], e))
    for k in adj:
        adj[k].sort(key=lambda t: (t[1]['id'], t[0]))

    def step_w(x, y, e):
        base = w(e)
        if base is None:
            return None
        if weight == 'time':
            tx, ty = territory(x), territory(y)
            if ty is not None and tx != ty:
                base += nodes[y].get('customs_hours', 0)
        return base

    pts = [src] + list(via) + [dst]
    full = []
    for a, b in zip(pts, pts[1:]):
        _, seg = dijkstra(adj, a, b, step_w)  # customs time on edges entering a territory
        if seg is None:
            return None
        full += seg
    km = h = usd = co2 = 0.0
    for x, y, e in full:
        km += e['length_km']
        h += e['hours']
        usd += e['usd_per_teu']
        co2 += e['co2_kg_per_teu']
        tx, ty = territory(x), territory(y)
        if ty is not None and tx != ty:
            h += nodes[y].get('customs_hours', 0)
            usd += nodes[y].get('customs_usd', 0)
    path = [full[0][0]] + [y for _, y, _ in full] if full else [src]
    return {'km': km, 'days': h / 24, 'usd': usd, 'co2': co2, 'path': path, 'links': [e for _, _, e in full]}


VALIDATION = [
    # label, src, dst, via, avoid countries, avoid passages, modes, published, sources, check (km range, day range)
    ('Chongqing → Duisburg, rail via Alashankou–Brest', 'CNCKG', 'DEDUI', ['CNAKA', 'BYBRS'], [], [], None,
     '11,179 km; ~16 d (13–16; 16–18 incl. border dwell)', 'yuxinou-2013 navis-2025 duisport-2018',
     (10800, 11600), (13, 18)),
    ('Zhengzhou → Hamburg, rail', 'CNCGO', 'DEHAM-R', ['CNAKA', 'BYBRS'], [], [], None,
     '10,214 km; 15–18 d', 'zz-hamburg', (9700, 10700), (14, 18.5)),
    ('Chengdu → Łódź, rail', 'CNCTU', 'PLLOD', [], [], [], None,
     '9,826 km; 11–14 d (13 d to Małaszewicze)', 'chengdu-lodz jike-2023', (9300, 10300), (11, 15)),
    ('Yiwu → Madrid, rail', 'CNYIW', 'ESMAD', ['CNAKA'], [], [], None,
     '13,052 km', 'yiwu-madrid', (12400, 13700), (14, 26)),
    ('Xi\'an → Duisburg, rail (fastest)', 'CNXIY', 'DEDUI', [], [], [], None,
     '13 d (priority trains, 2024)', 'erai-2024', (9000, 11500), (11, 17)),
    ('Shanghai → Rotterdam, sea via Suez (port to port)', 'CNSHA', 'NLRTM', [], [], [], {'sea'},
     '10,600 nm ≈ 19,630 km (marnet 19,460 km); 27 d at 16 kn, ~35 d with calls', 'rodrigue-pemp sea-route-ref',
     (18900, 20100), (26, 35)),
    ('Shanghai → Rotterdam, sea via the Cape (Bab-el-Mandeb closed)', 'CNSHA', 'NLRTM', [], [], ['bab-el-mandeb'], {'sea'},
     '13,800 nm ≈ 25,560 km (marnet 25,705 km); ~35 d; +7–14 d', 'rodrigue-pemp sea-route-ref',
     (24900, 26500), (33, 45)),
    ('Shanghai → Piraeus, sea via Suez', 'CNSHA', 'GRPIR', [], [], [], {'sea'},
     '7,878 nm = 14,590 km; 22 d at sea (marnet 14,500 km)', 'cosco-piraeus-2017 sea-route-ref',
     (14000, 15100), (19, 24)),
    ('Qingdao → Rotterdam, sea via Suez (port to port)', 'CNTAO', 'NLRTM', [], [], [], {'sea'},
     'APL service Rotterdam–Qingdao 34 d (with calls); Shanghai–Rotterdam 27 d at 16 kn without calls',
     'apl-56ok rodrigue-pemp', (19500, 21300), (27, 35)),
    ('Tianjin → Rotterdam, sea via Suez (port to port)', 'CNTXG', 'NLRTM', [], [], [], {'sea'},
     'no published port-to-port figure found; direct marnet path in the table below', 'marnet',
     (19500, 21800), (27, 36)),
    ('Shanghai → Genoa, sea via Suez (port to port)', 'CNSHA', 'ITGOA', [], [], [], {'sea'},
     'marnet 16,033 km (from the Shanghai city-centre snap); no published sailing distance found',
     'sea-route-ref', (15500, 17000), (20, 25)),
    ('Shanghai → Valencia, sea via Suez (port to port)', 'CNSHA', 'ESVLC', [], [], [], {'sea'},
     'no published port-to-port figure found; direct marnet path in the table below', 'marnet',
     (16000, 18000), (21, 27)),
    ('Qingdao → Genoa, sea via the Cape (Bab-el-Mandeb closed)', 'CNTAO', 'ITGOA', [], [], ['bab-el-mandeb'], {'sea'},
     'Cape detour +3,500 nm and more than a week (to N Europe); direct marnet path in the table below',
     'rodrigue-pemp', (25000, 27500), (33, 45)),
    ('Xi\'an → Milan, rail avoiding Belarus and Russia (Middle Corridor)', 'CNXIY', 'ITMIL', [], ['BY', 'RU'], [], None,
     'TITR official 32–37 d to Budapest/Duisburg/Milan; Middle Corridor 18–25 d', 'navis-2025 kz-mid-2023 trend-2024-mc',
     (8000, 12500), (16, 38)),
    ('Xi\'an → Baku (Alat), Middle Corridor', 'CNXIY', 'AZBAK-R', ['KZAKT'], [], [], None,
     '11 d (Jan 2024); 12 d (daily train 2024); 8–11 d', 'trend-xian-baku vestnik-2024', (5000, 7500), (9, 13)),
    ('Xi\'an → Budapest, Middle Corridor via Poti–Constanța', 'CNXIY', 'HUBUD', ['KZAKT', 'GEPTI'], [], [], None,
     '~25 d (Xi\'an–Budapest); China–Europe 18–25 d', 'vestnik-2024 kz-mid-2023 trend-2024-mc', (7500, 11000), (16, 27)),
    ('Xi\'an → Budapest, Middle Corridor via BTK–Istanbul', 'CNXIY', 'HUBUD', ['KZAKT', 'TRKSY'], [], [], None,
     '18–25 d (China–Europe)', 'kz-mid-2023 trend-2024-mc', (8000, 12000), (16, 27)),
    ('Chongqing → Duisburg, rail avoiding Belarus (fastest)', 'CNCKG', 'DEDUI', [], ['BY'], [], {'rail', 'transfer'},
     'must exist and be slower/dearer than via Belarus', 'lithuania-transit', (9000, 14000), (13, 30)),
    ('Chongqing → Duisburg, rail avoiding Belarus and Russia (Middle Corridor)', 'CNCKG', 'DEDUI', [], ['BY', 'RU'], [], None,
     'Middle Corridor 18–25 d; TITR official 32–37 d to Duisburg', 'kz-mid-2023 trend-2024-mc navis-2025', (8000, 13000), (16, 38)),
    ('Baku (Alat) → Kars, BTK rail', 'AZBAK-R', 'TRKSY', ['GEAKH'], [], [], None,
     '846 km Baku–Kars (504 AZ, 263 GE, 79 TR); the Alat port is ~60 km nearer Kars than Baku', 'btk-railwaymag',
     (740, 900), (0, 10)),
]

val_rows = []
for (label, s, d, via, avc, avp, modes, pub, srcs, kmr, dayr) in VALIDATION:
    r = route(s, d, via, avc, avp, modes)
    if r is None:
        fail('validation route %s: no route' % label)
        continue
    ok = kmr[0] <= r['km'] <= kmr[1] and dayr[0] <= r['days'] <= dayr[1]
    if not ok:
        fail('validation route %s out of range: %.0f km %.1f d' % (label, r['km'], r['days']))
    val_rows.append((label, r, pub, srcs, ok))

rail_by = route('CNCKG', 'DEDUI', [], [], [], {'rail', 'transfer'})
rail_noby = route('CNCKG', 'DEDUI', [], ['BY'], [], {'rail', 'transfer'})
if rail_by and rail_noby and not (rail_noby['days'] > rail_by['days'] and rail_noby['usd'] > rail_by['usd']):
    fail('avoiding Belarus is not slower and dearer')

# sea distance checks against sea-route-reference.csv
REF_PORT = {'Shanghai': 'CNSHA', 'Ningbo': 'CNNGB', 'Shenzhen_Yantian': 'CNYTN', 'Rotterdam': 'NLRTM',
            'Hamburg': 'DEHAM', 'Gdansk': 'PLGDN', 'Piraeus': 'GRPIR', 'Poti': 'GEPTI', 'Genoa': 'ITGOA'}
sea_checks = []
with open(os.path.join(GEO, 'sea-route-reference.csv'), encoding='utf-8', newline='') as f:
    for r in csv.DictReader(f):
        if r['origin'] not in REF_PORT or r['destination'] not in REF_PORT or not r['distance_km']:
            continue
        blocked = 'blocked' in r['scenario']
        rr = route(REF_PORT[r['origin']], REF_PORT[r['destination']], avoid_passages=['bab-el-mandeb'] if blocked else [],
                   modes={'sea'}, weight='km')
        refkm = float(r['distance_km'])
        dev = (rr['km'] - refkm) / refkm * 100 if rr else float('nan')
        sea_checks.append((r['origin'], r['destination'], 'Cape' if blocked else 'Suez', refkm, rr['km'] if rr else None, dev))
        if rr is None or abs(dev) > 3.0:
            fail('sea distance %s-%s %s: model %s vs reference %.0f' % (r['origin'], r['destination'], r['scenario'],
                                                                      rr and round(rr['km']), refkm))

ASIA_PORTS = ['CNSHA', 'CNNGB', 'CNYTN', 'CNTXG', 'CNTAO', 'CNDLC']
EU_PORTS = ['NLRTM', 'DEHAM', 'BEANR', 'PLGDN', 'LTKLJ', 'FRLEH', 'ESALG', 'ESVLC', 'ITGOA', 'SIKOP', 'GRPIR',
            'ROCND', 'GEPTI']
cape_pairs = []
for a in ASIA_PORTS:
    for b in EU_PORTS:
        rr = route(a, b, avoid_passages=['bab-el-mandeb'], modes={'sea'}, weight='km')
        rs = route(a, b, modes={'sea'}, weight='km')
        if rr is None:
            fail('no Cape route %s-%s with bab-el-mandeb blocked' % (a, b))
        cape_pairs.append((a, b, rs and rs['km'], rr and rr['km']))

# ports without a row in sea-route-reference.csv: the chained waypoint links against the direct shortest marnet
# path between the two ports (same snapping and access distance as the port links), Suez open and Red Sea closed
DIRECT_PAIRS = [(a, b) for a in ['CNTXG', 'CNTAO', 'CNDLC'] for b in ['NLRTM', 'GRPIR']]
DIRECT_PAIRS += [(a, b) for a in ['CNSHA', 'CNTAO'] for b in ['FRLEH', 'ESALG', 'ESVLC', 'ITGOA', 'SIKOP']]
direct_checks = []
for a, b in DIRECT_PAIRS:
    for sc, avoid in (('Suez', []), ('Cape', ['suez', 'bab-el-mandeb'])):
        sa, sb = port_snap(a), port_snap(b)
        d, _ = marnet_path(sa, sb, avoid)
        d += hav(nodes[a]['pos'], sa) + hav(nodes[b]['pos'], sb)
        rr = route(a, b, avoid_passages=avoid, modes={'sea'}, weight='km')
        dev = (rr['km'] - d) / d * 100 if rr else float('nan')
        direct_checks.append((a, b, sc, d, rr['km'] if rr else None, dev))
        if rr is None or abs(dev) > 3.0:
            fail('sea distance %s-%s %s: model %s vs direct marnet %.0f' % (a, b, sc, rr and round(rr['km']), d))

# ----------------------------------------------------------------------------------------------
# output
# ----------------------------------------------------------------------------------------------


def r1(x):
    v = round(x + 0.0, 1)
    return 0.0 if v == 0 else v


def r4(x):
    v = round(x, 4)
    return 0.0 if v == 0 else v


def num(x):
    """Integral floats print without .0"""
    return int(x) if float(x).is_integer() else x


node_feats = []
for nid in [r['id'] for r in NODE_ROWS]:
    n = nodes[nid]
    pr = {'id': nid, 'name': n['name'], 'kind': n['kind']}
    if n['country']:
        pr['country'] = n['country']
    if n['passage']:
        pr['passage'] = n['passage']
    if n['free_zone'] == 'true':
        pr['free_zone'] = True
    if 'customs_hours' in n:
        pr['customs_hours'] = num(r1(n['customs_hours']))
        pr['customs_usd'] = int(round(n['customs_usd']))
    pr['source'] = ' '.join(dict.fromkeys(n['source']))
    node_feats.append({'type': 'Feature', 'properties': pr,
                       'geometry': {'type': 'Point', 'coordinates': [r4(n['pos'][0]), r4(n['pos'][1])]}})

link_feats = []
for e in links:
    pr = {'id': e['id'], 'from': e['from'], 'to': e['to'], 'mode': e['mode'],
          'length_km': num(r1(e['length_km'])), 'hours': num(r1(e['hours'])),
          'usd_per_teu': int(round(e['usd_per_teu'])), 'co2_kg_per_teu': num(r1(e['co2_kg_per_teu'])),
          'capacity_teu_per_day': None if e['capacity_teu_per_day'] is None else int(round(e['capacity_teu_per_day']))}
    if e['mode'] == 'rail':
        pr['gauge_mm'] = e['gauge_mm']
    if e['mode'] == 'transfer':
        pr['transfer'] = e['transfer']
    if e.get('passage'):
        pr['passage'] = e['passage']
    if e['corridor']:
        pr['corridor'] = e['corridor']
    pr['source'] = ' '.join(dict.fromkeys(e['source']))
    if e['id'] in sea_geom:
        coords = sea_geom[e['id']]
    else:
        coords = [nodes[e['from']]['pos'], nodes[e['to']]['pos']]
    cl = []
    for c in coords:
        c = [r4(c[0]), r4(c[1])]
        if not cl or cl[-1] != c:
            cl.append(c)
    if len(cl) < 2:
        cl.append(list(cl[0]))
    link_feats.append({'type': 'Feature', 'properties': pr, 'geometry': {'type': 'LineString', 'coordinates': cl}})


def write_fc(path, feats):
    lines = [json.dumps(f, ensure_ascii=False, separators=(',', ':')) for f in feats]
    txt = '{"type":"FeatureCollection","features":[\n' + ',\n'.join(lines) + '\n]}\n'
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(txt)
    return len(txt.encode('utf-8'))


# source keys
with open(os.path.join(HERE, 'sources_head.md'), encoding='utf-8') as f:
    head = f.read()
defined = set(re.findall(r'^- \[([a-z0-9-]+)\]', head, re.M))
used = set()
for ft in node_feats + link_feats:
    used.update(ft['properties']['source'].split())
for k in sorted(used - defined):
    fail('source key %s used but not defined in sources_head.md' % k)
if len(node_feats) < 80 or len(link_feats) < 150:
    fail('too few features: %d nodes, %d links' % (len(node_feats), len(link_feats)))


def fmt(x, nd=0):
    return ('{:,.%df}' % nd).format(x)


def money(x):
    return '$' + fmt(x)


out = [head.rstrip('\n'), '', '## Derived parameters (computed by tools/eurasia/build_network.py)', '']
out += [
    '- Circuity factor: %.4f = %s km (sum of the published lengths of %d routes) / %s km (sum of the great-circle '
    'lengths along the same routes in the model: %s). Applied to every rail and transfer link without a published '
    'length [est-circuity]. Per route, published / great-circle: %s.'
    % (CIRCUITY, fmt(CIRC_PUB), len(CIRC_ROUTES), fmt(CIRC_GC), '; '.join(
        '%s–%s %s km' % (nodes[c[0]]['name'], nodes[c[-1]]['name'], fmt(k)) for _, k, c, _ in CIRC_ROUTES),
       '; '.join('%.3f' % (k / g) for _, k, _, g in CIRC_ROUTES)),
    '- 1520 mm section reference: Dostyk → Brest modelled as %s km. Border-to-border time taken as the mean of '
    'UTLC 2020 (%.1f d) and ERAI Jul 2024 (%.2f d) = %.2f d, giving a commercial speed of %.1f km/h on all '
    '1520 mm line haul (KZ, RU, BY, MN, LT, LV) [utlc-2020-transit] [erai-2024].'
    % (fmt(D1520), pf('e1520_days_2020'), pf('e1520_days_2024'), DAYS1520, SPEED['e1520']),
    '- 1520 mm rate: mean ERAI of Sept 2018 and Jan 2021 = %s/FEU = %s/TEU over %s km = $%.4f per TEU-km '
    '[utlc-cilf-2018] [tels-2021-erai]. (ERAI Jul 2024 was $3,289/FEU, i.e. %+.0f%%.)'
    % (money(ERAI_FEU), money(ERAI_FEU / 2), fmt(D1520), RATE_1520, (pf('erai_2024_07_usd_feu') / ERAI_FEU - 1) * 100),
    '- China and EU rates: full rate China→Germany %s/FEU = %s/TEU (Dec 2020 quotes) minus the 1520 part at the '
    'same date (ERAI Jan 2021, %s/TEU) minus %d gauge transshipments × %s = %s/TEU for the Chinese and EU '
    'sections of the reference chain (%s km in China, %s km in the EU). With EU per-km = %.1f × China per-km: '
    'China $%.4f, EU $%.4f per TEU-km [customized-sourcing-2020] [est-rates-cn-eu].'
    % (money(pf('full_rate_cn_de_usd_feu')), money(FULL_TEU), money(pf('erai_2021_01_usd_feu') / 2), n_gauge_ref,
       money(pf('usd_gauge')), money(REMAINDER), fmt(D_cn), fmt(D_eu), pf('eu_rate_multiplier'), RATE['cn'], RATE['eu']),
    '- Caucasus (AZ/GE 1520) and Türkiye/BTK (1435) rail: %.1f × the 1520 rate = $%.4f per TEU-km [est-rates-caucasus].'
    % (pf('caucasus_rate_multiplier'), RATE['caucasus']),
    '- Sea rate: %s/FEU = %s/TEU Shanghai→Rotterdam over the modelled %s km via Suez = $%.4f per TEU-km, applied '
    'per km to every ocean link (so the Cape detour costs more in proportion) [drewry-wci].'
    % (money(pf('sea_ref_usd_feu')), money(pf('sea_ref_usd_feu') / 2), fmt(SEA_REF_D), RATE_SEA),
    '- Sea speed %g kn = %.2f km/h [rodrigue-pemp]; ferries %.1f km/h plus a wait for the sailing of %g h (Caspian) '
    'or %g h (Black Sea) on the ferry link [eurasia-travel-caspian] [est-ferry-wait].'
    % (pf('sea_speed_kn'), SEA_KMH, pf('ferry_speed_kmh'), pf('caspian_wait_h'), pf('blacksea_wait_h')),
    '- CO2 per TEU-km (payload %g t/TEU): rail China and 1520 section %.3f kg; EU rail %.3f kg; diesel-hauled rail '
    '(AZ, GE, TR) %.3f kg; ocean %.4f kg; RoPax ferry %.3f kg (%.4f kg/t-km × %g t per TEU incl. box and '
    'wagon share). Transfers %g kg per TEU handled.'
    % (PAY, CO2_RAIL['cn'], CO2_RAIL['eu'], CO2_RAIL['caucasus'], pf('co2_sea_kg_teukm'),
       pf('co2_ropax_kg_tkm') * pf('ferry_t_per_teu'), pf('co2_ropax_kg_tkm'), pf('ferry_t_per_teu'),
       pf('co2_transfer_gauge')),
    '- Capacities: trains × %g TEU per train; TEU/yr ÷ 365; Mt/yr ÷ %.1f t per loaded TEU ÷ 365 [train-size].'
    % (pf('teu_per_train'), pf('t_per_teu_gross')),
    '- Customs on entering a territory (hours / USD per TEU): '
    + '; '.join('%s %g h / $%g' % (k, v[0], v[1]) for k, v in sorted(CUSTOMS.items())) + ' [est-customs].',
    '',
    '## Validation against published schedules',
    '',
    'Computed by build_network.py on the generated network: fastest path by time (link hours plus customs hours '
    'when entering a customs territory), optionally forced through the listed places or avoiding countries or '
    'passages. Days include border/port transfer dwell and customs. USD = link rates + transfer charges + customs '
    'fees per TEU (reference period: normal market 2018–2023). No origin/destination port handling is included for '
    'sea port-to-port rows.',
    '',
    '| route | model km | model days | model USD/TEU | model kg CO2/TEU | published | source | in range |',
    '|---|---:|---:|---:|---:|---|---|---|',
]
for label, r, pub, srcs, ok in val_rows:
    out.append('| %s | %s | %.1f | %s | %s | %s | %s | %s |' % (
        label, fmt(r['km']), r['days'], fmt(r['usd']), fmt(r['co2']), pub,
        ' '.join('[%s]' % s for s in srcs.split()), 'yes' if ok else 'NO'))
out += ['', 'Paths of the rows above:', '']
for label, r, pub, srcs, ok in val_rows:
    out.append('- %s: %s' % (label, ' – '.join(r['path'])))
out += ['',
        'Rail full rate China→Germany: the Chongqing→Duisburg row gives the modelled shipper rate per TEU '
        '(published Dec 2020 quotes $7,900–9,400/FEU = $3,950–4,700/TEU [customized-sourcing-2020]). '
        'Sea Shanghai→Rotterdam in the same period: %s/TEU ocean freight (WCI 2019 composite $1,420/FEU, '
        'Shanghai–Rotterdam 30 Mar 2023 $1,479/FEU [drewry-wci]).' % money(pf('sea_ref_usd_feu') / 2),
        '',
        'Avoiding Belarus: fastest rail route %.1f d / %s per TEU against %.1f d / %s via Belarus (path: %s).'
        % (rail_noby['days'], money(rail_noby['usd']), rail_by['days'], money(rail_by['usd']),
           ' – '.join(rail_noby['path'])) if rail_by and rail_noby else '',
        '',
        '### Sea distances against ../shared/data/geo/sea-route-reference.csv (tolerance 3 %)',
        '',
        '| from | to | route | reference km | model km | deviation |',
        '|---|---|---|---:|---:|---:|']
for o, d, sc, refkm, mk, dev in sea_checks:
    out.append('| %s | %s | %s | %s | %s | %+.1f %% |' % (o, d, sc, fmt(refkm), fmt(mk) if mk else '–', dev))
out += ['', '### Sea distances of ports without a reference row, against the direct shortest marnet path (tolerance 3 %)',
        '', 'The model chains port links through the sea waypoints; the direct path is Dijkstra on marnet between the '
        'two ports (Cape: Suez and Bab-el-Mandeb boxes excluded), with the same access distances.', '',
        '| from | to | route | direct marnet km | model km | deviation |',
        '|---|---|---|---:|---:|---:|']
for o, d, sc, refkm, mk, dev in direct_checks:
    out.append('| %s | %s | %s | %s | %s | %+.1f %% |' % (o, d, sc, fmt(refkm), fmt(mk) if mk else '–', dev))
out += ['', 'Every Asian–European port pair keeps a route when Bab-el-Mandeb is closed (km via Suez / via the Cape):', '']
out.append('| from | to | Suez km | Cape km |')
out.append('|---|---|---:|---:|')
for a, b, ks, kc in cape_pairs:
    out.append('| %s | %s | %s | %s |' % (a, b, fmt(ks) if ks else '–', fmt(kc) if kc else '–'))
out += ['', '## Generated-data checks', '',
        '- %d nodes, %d links (%s).' % (len(node_feats), len(link_feats), ', '.join(
            '%d %s' % (sum(1 for e in links if e['mode'] == m), m) for m in ('rail', 'transfer', 'sea', 'ferry'))),
        '- Checked by the generator: unique ids; endpoints exist; one gauge per node; gauge transfers join different '
        'gauges; customs fields present on every node entered from another customs territory and only there; '
        'graph connected; every source key defined above; sea distances within 3 % of the reference (or of the '
        'direct marnet path for ports without a reference row); a Cape route '
        'for every Asia–Europe port pair with Bab-el-Mandeb closed.',
        '']

for label, r, pub, srcs, ok in val_rows:
    print('%-70s %8.0f km %5.1f d $%6.0f %s' % (label, r['km'], r['days'], r['usd'], '' if ok else 'OUT OF RANGE'))
if errors:
    for m in errors:
        print('ERROR:', m, file=sys.stderr)
    sys.exit(1)

os.makedirs(OUT, exist_ok=True)
sz_n = write_fc(os.path.join(OUT, 'nodes.geojson'), node_feats)
sz_l = write_fc(os.path.join(OUT, 'links.geojson'), link_feats)
with open(os.path.join(OUT, 'SOURCES.md'), 'w', encoding='utf-8', newline='\n') as f:
    f.write('\n'.join(out))
print('wrote %d nodes (%d bytes), %d links (%d bytes)' % (len(node_feats), sz_n, len(link_feats), sz_l))
