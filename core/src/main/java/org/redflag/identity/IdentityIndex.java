package org.redflag.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sellers on record and their strong identifiers in memory, for a registration check that need not ask the
 * database: which sellers hold an identifier (none for a hub), and which shared identifiers a seller holds. Sellers
 * are added whole or row by row, in any order; nothing is ever removed (a seller on record stays on record).
 *
 * <p>Primitive arrays sized for tens of millions of sellers: about 40 bytes a seller and 40 a (seller, identifier)
 * pair. Sellers and identifiers are numbered by {@link IdentifierTable}s (two independent hashes of their bytes).
 * Each pair is one entry on two chains: the seller's identifiers and the identifier's holders. Values are kept only
 * for identifiers two or more sellers hold, the only ones a check can pass through.
 *
 * <p>Not thread-safe: a caller that reads while another adds must lock.
 */
public final class IdentityIndex {

    private static final int SELLER_TYPE = 0xFF;

    private final int hubThreshold;
    private final long[] hash = new long[1];
    private final int[] check = new int[1];

    // sellers, by number
    private final IdentifierTable sellerTable = new IdentifierTable();
    private byte[] sellerIds = new byte[1 << 12];
    private int sellerIdsUsed;
    private int[] sellerIdStart = new int[1 << 10];
    private long[] banned = new long[1 << 4];
    private int[] sellerHead = new int[1 << 10];

    // identifiers, by number
    private final IdentifierTable identifierTable = new IdentifierTable();
    private int[] identifierHead = new int[1 << 10];
    private int[] identifierCount = new int[1 << 10];
    private final Map<Integer, Linker.Identifier> shared = new HashMap<>();

    // (seller, identifier) entries, each on its seller's chain and its identifier's chain; -1 ends a chain
    private int entries;
    private int[] entrySeller = new int[1 << 10];
    private int[] entryIdentifier = new int[1 << 10];
    private int[] nextOfSeller = new int[1 << 10];
    private int[] nextOfIdentifier = new int[1 << 10];

    public IdentityIndex(int hubThreshold) {
        if (hubThreshold < 1) {
            throw new IllegalArgumentException("hub threshold must be at least 1; found " + hubThreshold);
        }
        this.hubThreshold = hubThreshold;
    }

    /** Sellers on record. */
    public int sellers() {
        return sellerTable.size();
    }

    /** (seller, strong identifier) pairs on record. */
    public long pairs() {
        return entries;
    }

    /** Makes room for about this many sellers and pairs, so the arrays need not grow as they fill. */
    public void reserve(long expectedSellers, long expectedPairs) {
        int s = (int) Math.min(IdentifierTable.MAX, expectedSellers);
        int p = (int) Math.min(IdentifierTable.MAX, expectedPairs);
        sellerTable.reserve(s);
        identifierTable.reserve(p);
        growSellers(s);
        growIdentifiers(p);
        growEntries(p);
    }

    /** Adds a seller with its identifiers (weak ones are ignored); false, and nothing changes, if it is on record. */
    public boolean add(Linker.Seller seller) {
        if (!addSeller(seller.id(), seller.banned())) {
            return false;
        }
        for (Linker.Identifier i : seller.identifiers()) {
            addIdentifier(seller.id(), i.type(), i.value());
        }
        return true;
    }

    /** Adds a seller without identifiers yet; false if it is on record. */
    public boolean addSeller(String id, boolean isBanned) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        IdentifierTable.hash(SELLER_TYPE, b, 0, b.length, hash, check, 0);
        int before = sellerTable.size();
        int n = sellerTable.find(hash[0], check[0]);
        if (n < before) {
            return false;
        }
        growSellers(n + 1);
        if (sellerIdsUsed + b.length > sellerIds.length) {
            long size = Math.max(sellerIds.length * 3L / 2, (long) sellerIdsUsed + b.length);
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("seller ids exceed 2 GB");
            }
            sellerIds = Arrays.copyOf(sellerIds, (int) size);
        }
        System.arraycopy(b, 0, sellerIds, sellerIdsUsed, b.length);
        sellerIdsUsed += b.length;
        sellerIdStart[n + 1] = sellerIdsUsed;
        sellerHead[n] = -1;
        if (isBanned) {
            banned[n >>> 6] |= 1L << n;
        }
        return true;
    }

    /**
     * Adds one identifier of a seller on record; false if the seller is not on record, the identifier is weak, or the
     * seller holds it already.
     */
    public boolean addIdentifier(String sellerId, IdentifierType type, String value) {
        int s = seller(sellerId);
        if (s < 0 || !type.strong()) {
            return false;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        IdentifierTable.hash(type.ordinal(), b, 0, b.length, hash, check, 0);
        int before = identifierTable.size();
        int i = identifierTable.find(hash[0], check[0]);
        if (i == before) {
            growIdentifiers(i + 1);
            identifierHead[i] = -1;
        } else {
            for (int e = sellerHead[s]; e >= 0; e = nextOfSeller[e]) {
                if (entryIdentifier[e] == i) {
                    return false;
                }
            }
        }
        int e = entries++;
        growEntries(entries);
        entrySeller[e] = s;
        entryIdentifier[e] = i;
        nextOfSeller[e] = sellerHead[s];
        sellerHead[s] = e;
        nextOfIdentifier[e] = identifierHead[i];
        identifierHead[i] = e;
        if (++identifierCount[i] == 2) {
            shared.put(i, new Linker.Identifier(type, value));
        }
        return true;
    }

    /** The number of a seller on record, or -1. */
    private int seller(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        IdentifierTable.hash(SELLER_TYPE, b, 0, b.length, hash, check, 0);
        return sellerTable.get(hash[0], check[0]);
    }

    public boolean contains(String sellerId) {
        return seller(sellerId) >= 0;
    }

    /** Marks a seller on record banned or not (terminated after strikes, or reinstated); false if not on record. */
    public boolean setBanned(String sellerId, boolean isBanned) {
        int s = seller(sellerId);
        if (s < 0) {
            return false;
        }
        if (isBanned) {
            banned[s >>> 6] |= 1L << s;
        } else {
            banned[s >>> 6] &= ~(1L << s);
        }
        return true;
    }

    /** A seller on record and whether it is banned. */
    public record Holder(String sellerId, boolean banned) {
    }

    /**
     * The sellers on record holding this identifier, in seller-id order; none for a hub (more than the hub threshold
     * hold it) and none for an identifier nobody on record holds.
     */
    public List<Holder> holders(Linker.Identifier identifier) {
        byte[] b = identifier.value().getBytes(StandardCharsets.UTF_8);
        IdentifierTable.hash(identifier.type().ordinal(), b, 0, b.length, hash, check, 0);
        int i = identifierTable.get(hash[0], check[0]);
        if (i < 0 || identifierCount[i] > hubThreshold) {
            return List.of();
        }
        List<Holder> out = new ArrayList<>(identifierCount[i]);
        for (int e = identifierHead[i]; e >= 0; e = nextOfIdentifier[e]) {
            int s = entrySeller[e];
            out.add(new Holder(sellerId(s), (banned[s >>> 6] & 1L << s) != 0));
        }
        out.sort(Comparator.comparing(Holder::sellerId));
        return out;
    }

    /**
     * The identifiers two or more sellers hold, of each of these sellers on record, in (type, value) order; a seller
     * not on record has none. An identifier only its seller holds leads nowhere, so it is left out.
     */
    public Map<String, List<Linker.Identifier>> sharedIdentifiers(List<String> sellerIds) {
        Map<String, List<Linker.Identifier>> out = new LinkedHashMap<>();
        for (String id : sellerIds) {
            int s = seller(id);
            if (s < 0) {
                continue;
            }
            List<Linker.Identifier> ids = new ArrayList<>();
            for (int e = sellerHead[s]; e >= 0; e = nextOfSeller[e]) {
                Linker.Identifier v = shared.get(entryIdentifier[e]);
                if (v != null) {
                    ids.add(v);
                }
            }
            ids.sort(Comparator.comparing((Linker.Identifier x) -> x.type().name())
                    .thenComparing(Linker.Identifier::value));
            out.put(id, ids);
        }
        return out;
    }

    private String sellerId(int s) {
        return new String(sellerIds, sellerIdStart[s], sellerIdStart[s + 1] - sellerIdStart[s], StandardCharsets.UTF_8);
    }

    private void growSellers(int n) {
        if (n + 1 >= sellerIdStart.length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(sellerIdStart.length * 2L, n + 2L));
            sellerIdStart = Arrays.copyOf(sellerIdStart, size);
            sellerHead = Arrays.copyOf(sellerHead, size);
            banned = Arrays.copyOf(banned, size / 64 + 1);
        }
    }

    private void growIdentifiers(int n) {
        if (n >= identifierHead.length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(identifierHead.length * 2L, n + 1L));
            identifierHead = Arrays.copyOf(identifierHead, size);
            identifierCount = Arrays.copyOf(identifierCount, size);
        }
    }

    private void growEntries(int n) {
        if (n >= entrySeller.length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(entrySeller.length * 2L, n + 1L));
            entrySeller = Arrays.copyOf(entrySeller, size);
            entryIdentifier = Arrays.copyOf(entryIdentifier, size);
            nextOfSeller = Arrays.copyOf(nextOfSeller, size);
            nextOfIdentifier = Arrays.copyOf(nextOfIdentifier, size);
        }
    }
}
