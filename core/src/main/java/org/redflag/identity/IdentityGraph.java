package org.redflag.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Accounts and their strong identifiers in primitive arrays, sized for tens of millions of accounts: about 60 bytes
 * an account and 30 an identifier. Accounts are added one by one with their normalised identifiers; {@link #results}
 * then links them and explains each link.
 *
 * <p>Identifiers are numbered by an {@link IdentifierTable} (two independent hashes of their normalised form). Their
 * values are kept only for identifiers that two or more accounts share, the only ones a path can pass through.
 *
 * <p>Linking: accounts that share an identifier held by at most {@code hubThreshold} accounts are one identity
 * (union-find with path halving); an identifier held by more is a hub and links nobody. The result depends neither on
 * the order of the accounts nor on how each identifier was typed: paths are searched breadth-first, each level in
 * seller-id order, each account's neighbours by seller id and then by identifier.
 */
public final class IdentityGraph {

    /** Identifiers entered together: enough slot reads to keep the memory system busy, few enough to stay cached. */
    private static final int BATCH = 256;

    private final int hubThreshold;

    private IdentifierTable table = new IdentifierTable();
    // identifiers waiting to be entered, a batch at a time
    private int pending;
    private final int[] pendingAccount = new int[BATCH];
    private final IdentifierType[] pendingType = new IdentifierType[BATCH];
    private final long[] pendingHash = new long[BATCH];
    private final int[] pendingCheck = new int[BATCH];
    private final int[] pendingOff = new int[BATCH];
    private final int[] pendingLen = new int[BATCH];
    /** Accounts whose list of identifiers starts where {@code heldStart} says: those before this one. */
    private int heldDone;
    private byte[] pendingBytes = new byte[1024];
    private int pendingUsed;
    // two ints an identifier, by its number in the table: the first account holding it, how many accounts hold it
    private int[] holding = new int[2 << 12];
    private final Map<Integer, Linker.Identifier> shared = new HashMap<>();

    // per account, by number in input order
    private int accounts;
    private byte[] ids = new byte[1 << 16];
    private int idsUsed;
    private int[] idStart = new int[1 << 12];
    private long[] bannedBits = new long[1 << 6];
    private int[] held = new int[1 << 14];
    private int heldUsed;
    private int[] heldStart = new int[1 << 12];
    private boolean asciiIds = true;

    private boolean linked;
    private int[] parent;
    private int[] holders;

    public IdentityGraph(int hubThreshold) {
        if (hubThreshold < 1) {
            throw new IllegalArgumentException("hub threshold must be at least 1; found " + hubThreshold);
        }
        this.hubThreshold = hubThreshold;
    }

    public int accounts() {
        return accounts;
    }

    /** Bytes of seller ids so far. */
    public long idBytes() {
        return idsUsed;
    }

    /** Distinct strong identifiers seen so far. */
    public int identifiers() {
        if (linked) {
            throw new IllegalStateException("identifiers are counted while the accounts are added");
        }
        flush();
        return table.size();
    }

    /** Starts the next account; its identifiers follow. */
    public void account(byte[] id, int off, int len, boolean banned) {
        if (linked) {
            throw new IllegalStateException("accounts are added before linking");
        }
        if (accounts + 1 >= idStart.length) {
            int size = idStart.length * 2;
            idStart = Arrays.copyOf(idStart, size);
            heldStart = Arrays.copyOf(heldStart, size);
            bannedBits = Arrays.copyOf(bannedBits, size / 64 + 1);
        }
        if ((long) idsUsed + len > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("seller ids exceed 2 GB in one run");
        }
        if (idsUsed + len > ids.length) {
            ids = Arrays.copyOf(ids, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(ids.length * 3L / 2, idsUsed + len)));
        }
        for (int i = off; i < off + len && asciiIds; i++) {
            asciiIds = id[i] >= 0;
        }
        System.arraycopy(id, off, ids, idsUsed, len);
        idStart[accounts] = idsUsed;
        idsUsed += len;
        idStart[accounts + 1] = idsUsed;
        if (banned) {
            bannedBits[accounts >>> 6] |= 1L << accounts;
        }
        accounts++;
    }

    /** Adds one seller with its identifiers (weak ones are ignored). */
    public void add(Linker.Seller seller) {
        byte[] id = seller.id().getBytes(StandardCharsets.UTF_8);
        account(id, 0, id.length, seller.banned());
        for (Linker.Identifier i : seller.identifiers()) {
            if (i.type().strong()) {
                byte[] v = i.value().getBytes(StandardCharsets.UTF_8);
                identifier(i.type(), v, 0, v.length);
            }
        }
    }

    /** One normalised strong identifier of the current account. */
    public void identifier(IdentifierType type, byte[] value, int off, int len) {
        if (!type.strong()) {
            return;
        }
        if (pending == pendingType.length) {
            flush();
        }
        pendingAccount[pending] = accounts - 1;
        if (pendingUsed + len > pendingBytes.length) {
            pendingBytes = Arrays.copyOf(pendingBytes, Math.max(pendingBytes.length * 2, pendingUsed + len));
        }
        System.arraycopy(value, off, pendingBytes, pendingUsed, len);
        pendingType[pending] = type;
        pendingOff[pending] = pendingUsed;
        pendingLen[pending] = len;
        IdentifierTable.hash(type.ordinal(), value, off, len, pendingHash, pendingCheck, pending);
        pendingUsed += len;
        pending++;
    }

    /**
     * Enters the identifiers waiting, in the order they came. Their table slots are read first, all together, so the
     * processor waits for the cache misses side by side rather than one after another.
     */
    private void flush() {
        if (pending == 0) {
            return;
        }
        table.touch(pendingHash, pending);
        for (int p = 0; p < pending; p++) {
            int account = pendingAccount[p];
            while (heldDone <= account) {
                heldStart[heldDone++] = heldUsed;
            }
            int seq = table.find(pendingHash[p], pendingCheck[p]);
            if (2L * seq + 2 > holding.length) {
                holding = Arrays.copyOf(holding, (int) Math.min(2L * IdentifierTable.MAX, holding.length * 2L));
            }
            boolean again = false;
            for (int i = heldStart[account]; i < heldUsed && !again; i++) {
                again = held[i] == seq; // the same identifier typed twice on one account
            }
            if (again) {
                continue;
            }
            if (heldUsed == held.length) {
                held = Arrays.copyOf(held, held.length * 2);
            }
            held[heldUsed++] = seq;
            int count = holding[2 * seq + 1];
            if (count < Integer.MAX_VALUE) {
                holding[2 * seq + 1] = ++count;
            }
            if (count == 1) { // a count of 0 is an identifier seen for the first time: its first holder is unset
                holding[2 * seq] = account;
            } else if (count == 2) {
                shared.put(seq, new Linker.Identifier(pendingType[p],
                        new String(pendingBytes, pendingOff[p], pendingLen[p], StandardCharsets.UTF_8)));
            }
        }
        pending = 0;
        pendingUsed = 0;
    }

    /** Enters what waits and closes every account's list of identifiers. */
    private void settle() {
        flush();
        while (heldDone <= accounts) {
            heldStart[heldDone++] = heldUsed;
        }
    }

    /**
     * Makes room for about this many accounts, identifiers and bytes of seller ids in all, so the arrays need not grow
     * as they fill.
     */
    public void reserve(long expectedAccounts, long expectedIdentifiers, long expectedIdBytes) {
        if (expectedIdBytes > ids.length) {
            ids = Arrays.copyOf(ids, (int) Math.min(Integer.MAX_VALUE - 16, expectedIdBytes));
        }
        int a = (int) Math.min(Integer.MAX_VALUE - 16, expectedAccounts + 2);
        if (a > idStart.length) {
            idStart = Arrays.copyOf(idStart, a);
            heldStart = Arrays.copyOf(heldStart, a);
            bannedBits = Arrays.copyOf(bannedBits, a / 64 + 1);
        }
        long i = Math.min(IdentifierTable.MAX, expectedIdentifiers);
        table.reserve(i);
        if (2 * i > holding.length) {
            holding = Arrays.copyOf(holding, (int) (2 * i));
        }
        int heldSize = (int) Math.min(Integer.MAX_VALUE - 16, expectedIdentifiers + expectedAccounts / 8);
        if (heldSize > held.length) {
            held = Arrays.copyOf(held, heldSize);
        }
    }

    private boolean banned(int a) {
        return (bannedBits[a >>> 6] & 1L << a) != 0;
    }

    private String id(int a) {
        return new String(ids, idStart[a], idStart[a + 1] - idStart[a], StandardCharsets.UTF_8);
    }

    /** Seller ids in String order (UTF-16 code units): bytes compare the same while every id is ASCII. */
    private int compareIds(int a, int b) {
        if (!asciiIds) {
            return id(a).compareTo(id(b));
        }
        return Arrays.compare(ids, idStart[a], idStart[a + 1], ids, idStart[b], idStart[b + 1]);
    }

    private int find(int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    /** Unions over the non-hub identifiers, then lays out who holds each shared identifier. */
    private void link() {
        settle();
        linked = true;
        int identifiers = table.size();
        table = null; // done with: its memory goes to what follows
        parent = new int[accounts];
        for (int a = 0; a < accounts; a++) {
            parent[a] = a;
        }
        for (int a = 0; a < accounts; a++) {
            for (int i = heldStart[a]; i < heldStart[a + 1]; i++) {
                int seq = held[i];
                int c = holding[2 * seq + 1];
                if (c >= 2 && c <= hubThreshold) {
                    int ra = find(a);
                    int rb = find(holding[2 * seq]);
                    if (ra != rb) {
                        parent[Math.max(ra, rb)] = Math.min(ra, rb);
                    }
                }
            }
        }
        for (int a = 0; a < accounts; a++) {
            parent[a] = parent[parent[a]]; // a parent precedes its child, so one pass leaves every root in place
        }
        // the first holder becomes where each shared identifier's holders start (-1: not shared, or a hub)
        int total = 0;
        for (int seq = 0; seq < identifiers; seq++) {
            int c = holding[2 * seq + 1];
            if (c >= 2 && c <= hubThreshold) {
                holding[2 * seq] = total;
                total += c;
                holding[2 * seq + 1] = 0;
            } else {
                holding[2 * seq] = -1;
            }
        }
        holders = new int[total];
        for (int a = 0; a < accounts; a++) {
            for (int i = heldStart[a]; i < heldStart[a + 1]; i++) {
                int seq = held[i];
                if (holding[2 * seq] >= 0) {
                    holders[holding[2 * seq] + holding[2 * seq + 1]++] = a;
                }
            }
        }
    }

    /**
     * Every account that is not banned and is one identity with a banned one, in input order, each with its links to
     * at most {@code maxLinks} banned accounts, nearest first.
     */
    public void results(int maxLinks, Consumer<Linker.Result> out) {
        if (!linked) {
            link();
        }
        long[] bannedRoots = new long[bannedBits.length];
        for (int a = 0; a < accounts; a++) {
            if (banned(a)) {
                int r = parent[a];
                bannedRoots[r >>> 6] |= 1L << r;
            }
        }
        int[] smallest = new int[accounts]; // by root of a banned identity: the account with the smallest id
        for (int a = 0; a < accounts; a++) {
            int r = parent[a];
            if ((bannedRoots[r >>> 6] & 1L << r) != 0 && (r == a || compareIds(a, smallest[r]) < 0)) {
                smallest[r] = a; // the root comes first in input order: it starts its identity's run
            }
        }
        Search search = new Search();
        for (int a = 0; a < accounts; a++) {
            int r = parent[a];
            if (banned(a) || (bannedRoots[r >>> 6] & 1L << r) == 0) {
                continue;
            }
            out.accept(new Linker.Result(id(a), "cluster-" + id(smallest[r]), search.paths(a, maxLinks)));
        }
    }

    /** Breadth-first from one account to the nearest banned accounts; stamps spare clearing between searches. */
    private final class Search {
        private final int[] stamp = new int[accounts];
        private final int[] viaAccount = new int[accounts];
        private final int[] viaIdentifier = new int[accounts];
        private int epoch;
        private final Comparator<Integer> byId = IdentityGraph.this::compareIds;
        private final Comparator<int[]> byNeighbour = (x, y) -> {
            int c = compareIds(x[0], y[0]);
            return c != 0 ? c : compareIdentifiers(x[1], y[1]);
        };

        List<Linker.Link> paths(int start, int maxLinks) {
            epoch++;
            stamp[start] = epoch;
            viaAccount[start] = -1;
            List<Integer> queue = new ArrayList<>(List.of(start));
            List<Linker.Link> links = new ArrayList<>();
            while (!queue.isEmpty() && links.size() < maxLinks) {
                List<Integer> level = queue;
                queue = new ArrayList<>();
                level.sort(byId);
                List<Integer> found = new ArrayList<>();
                for (int a : level) {
                    List<int[]> next = new ArrayList<>();
                    for (int i = heldStart[a]; i < heldStart[a + 1]; i++) {
                        int seq = held[i];
                        int from = holding[2 * seq];
                        if (from < 0) {
                            continue;
                        }
                        for (int k = from; k < from + holding[2 * seq + 1]; k++) {
                            next.add(new int[] {holders[k], seq});
                        }
                    }
                    next.sort(byNeighbour);
                    for (int[] x : next) {
                        int b = x[0];
                        if (stamp[b] != epoch) {
                            stamp[b] = epoch;
                            viaAccount[b] = a;
                            viaIdentifier[b] = x[1];
                            queue.add(b);
                            if (banned(b)) {
                                found.add(b);
                            }
                        }
                    }
                }
                found.sort(byId);
                for (int b : found) {
                    if (links.size() >= maxLinks) {
                        break;
                    }
                    List<Linker.Hop> hops = new ArrayList<>();
                    for (int cur = b; viaAccount[cur] >= 0; cur = viaAccount[cur]) {
                        Linker.Identifier i = shared.get(viaIdentifier[cur]);
                        hops.add(0, new Linker.Hop(id(viaAccount[cur]), id(cur), i.type(),
                                Normalisers.mask(i.value())));
                    }
                    links.add(new Linker.Link(id(b), Math.pow(0.9, hops.size() - 1), hops));
                }
            }
            return links;
        }
    }

    /** Identifiers in the order of their key: type, then value. */
    private int compareIdentifiers(int x, int y) {
        Linker.Identifier a = shared.get(x);
        Linker.Identifier b = shared.get(y);
        int c = Integer.compare(a.type().ordinal(), b.type().ordinal());
        return c != 0 ? c : a.value().compareTo(b.value());
    }
}
