package org.redflag.identity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first, direct transcription of linking over objects, kept as the reference the primitive {@link
 * IdentityGraph} is checked against. Links accounts that share a strong identifier into one identity, over any number of hops (union-find over int
 * arrays), and explains each link to a banned account as the chain of shared identifiers, hop by hop, values
 * masked. An identifier held by more than {@code hubThreshold} accounts (a fulfilment centre's address, a payment
 * aggregator's collection account) is a hub and links nobody; weak identifiers (names, addresses) never link.
 * The result depends neither on the order of the input nor on how each identifier was typed.
 */
final class ReferenceLinker {

    private final int hubThreshold;
    /** How many banned accounts one result lists at most, nearest first. */
    private final int maxLinks;

    ReferenceLinker(int hubThreshold, int maxLinks) {
        this.hubThreshold = hubThreshold;
        this.maxLinks = maxLinks;
    }

    /** Every seller that is not banned and is linked to a banned one, in input order. */
    public List<Linker.Result> link(List<Linker.Seller> sellers) {
        int n = sellers.size();
        Map<String, Integer> idOf = new HashMap<>();
        List<Linker.Identifier> identifiers = new ArrayList<>();
        List<List<Integer>> holders = new ArrayList<>();
        int[][] held = new int[n][];
        for (int a = 0; a < n; a++) {
            List<Integer> mine = new ArrayList<>();
            for (Linker.Identifier i : sellers.get(a).identifiers()) {
                if (!i.type().strong()) {
                    continue;
                }
                Integer id = idOf.get(key(i));
                if (id == null) {
                    id = identifiers.size();
                    idOf.put(key(i), id);
                    identifiers.add(i);
                    holders.add(new ArrayList<>());
                }
                if (!mine.contains(id)) {
                    mine.add(id);
                    holders.get(id).add(a);
                }
            }
            held[a] = mine.stream().mapToInt(Integer::intValue).toArray();
        }
        boolean[] hub = new boolean[identifiers.size()];
        for (int i = 0; i < hub.length; i++) {
            hub[i] = holders.get(i).size() > hubThreshold;
        }
        int[] parent = new int[n];
        for (int a = 0; a < n; a++) {
            parent[a] = a;
        }
        for (int i = 0; i < holders.size(); i++) {
            if (hub[i]) {
                continue;
            }
            List<Integer> h = holders.get(i);
            for (int k = 1; k < h.size(); k++) {
                union(parent, h.get(0), h.get(k));
            }
        }
        Map<Integer, List<Integer>> banned = new HashMap<>();
        Map<Integer, String> clusterName = new HashMap<>();
        for (int a = 0; a < n; a++) {
            int root = find(parent, a);
            if (sellers.get(a).banned()) {
                banned.computeIfAbsent(root, r -> new ArrayList<>()).add(a);
            }
            String id = sellers.get(a).id();
            clusterName.merge(root, id, (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
        // neighbours in a fixed order, so paths do not depend on the input order
        Comparator<Integer> bySellerId = Comparator.comparing(a -> sellers.get(a).id());
        List<Linker.Result> out = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            Linker.Seller s = sellers.get(a);
            int root = find(parent, a);
            if (s.banned() || !banned.containsKey(root)) {
                continue;
            }
            out.add(new Linker.Result(s.id(), "cluster-" + clusterName.get(root),
                    paths(a, sellers, held, holders, hub, identifiers, bySellerId)));
        }
        return out;
    }

    /** Breadth-first from one account to the nearest banned accounts, over shared strong identifiers. */
    private List<Linker.Link> paths(int start, List<Linker.Seller> sellers, int[][] held, List<List<Integer>> holders,
                             boolean[] hub, List<Linker.Identifier> identifiers, Comparator<Integer> order) {
        Map<Integer, int[]> via = new HashMap<>(); // account -> {previous account, identifier}
        via.put(start, new int[] {-1, -1});
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        List<Linker.Link> links = new ArrayList<>();
        while (!queue.isEmpty() && links.size() < maxLinks) {
            List<Integer> level = new ArrayList<>(queue);
            queue.clear();
            level.sort(order);
            List<Integer> found = new ArrayList<>();
            for (int a : level) {
                int[] ids = held[a].clone();
                java.util.Arrays.sort(ids);
                List<int[]> next = new ArrayList<>();
                for (int i : ids) {
                    if (hub[i]) {
                        continue;
                    }
                    for (int b : holders.get(i)) {
                        next.add(new int[] {b, i});
                    }
                }
                next.sort(Comparator.comparing((int[] x) -> sellers.get(x[0]).id())
                        .thenComparing(x -> key(identifiers.get(x[1]))));
                for (int[] x : next) {
                    if (!via.containsKey(x[0])) {
                        via.put(x[0], new int[] {a, x[1]});
                        queue.add(x[0]);
                        if (sellers.get(x[0]).banned()) {
                            found.add(x[0]);
                        }
                    }
                }
            }
            found.sort(order);
            for (int b : found) {
                if (links.size() >= maxLinks) {
                    break;
                }
                List<Linker.Hop> hops = new ArrayList<>();
                for (int cur = b; via.get(cur)[0] >= 0; cur = via.get(cur)[0]) {
                    int[] v = via.get(cur);
                    Linker.Identifier i = identifiers.get(v[1]);
                    hops.add(0, new Linker.Hop(sellers.get(v[0]).id(), sellers.get(cur).id(), i.type(),
                            Normalisers.mask(i.value())));
                }
                links.add(new Linker.Link(sellers.get(b).id(), Math.pow(0.9, hops.size() - 1), hops));
            }
        }
        return links;
    }

    /** An identifier's sort key: type, then value. */
    private static String key(Linker.Identifier i) {
        return i.type().ordinal() + ":" + i.value();
    }

    private static int find(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
