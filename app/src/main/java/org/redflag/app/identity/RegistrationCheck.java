package org.redflag.app.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redflag.app.law.Packs;
import org.redflag.identity.IdentifierType;
import org.redflag.identity.IdentityIndex;
import org.redflag.identity.Linker;
import org.redflag.identity.Normalisers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a registration against the sellers on record at once: its normalised strong identifiers are looked up in
 * the server's in-memory {@link SellerIndex} (in the database's identifier index while that loads, or always with
 * {@code redflag.identity.index=database}), hop by hop (at most {@code redflag.identity.max-hops}), skipping hubs,
 * until a banned seller is found or the trail ends. A linked registration is blocked or held for review, as the
 * pack's identity rules say; so is the hub threshold.
 */
@Service
public class RegistrationCheck {

    public enum Decision { CLEAN, BLOCKED, HELD_FOR_REVIEW }

    public record Hop(String from, String to, String identifier, String masked) {
    }

    public record Result(String sellerId, Decision decision, String linkedBanned, List<Hop> path,
                         List<String> partnerRecords) {
        Result(String sellerId, Decision decision, String linkedBanned, List<Hop> path) {
            this(sellerId, decision, linkedBanned, path, List.of());
        }
    }

    /** Identifiers or sellers asked for in one statement, at most. */
    private static final int CHUNK = 100;

    private final JdbcClient jdbc;
    private final io.micrometer.core.instrument.Timer checkTimer;
    private final Clock clock;
    private final int hubThreshold;
    private final int maxHops;
    private final Decision onLink;

    private final org.springframework.beans.factory.ObjectProvider<CreditExchange> exchange;
    private final SellerIndex index;

    public RegistrationCheck(JdbcClient jdbc, Clock clock,
                             org.springframework.beans.factory.ObjectProvider<CreditExchange> exchange,
                             Packs packs, @Value("${redflag.identity.max-hops:4}") int maxHops,
                             io.micrometer.core.instrument.MeterRegistry meters, SellerIndex index) {
        // the time of the check itself, without HTTP: /actuator/prometheus shows its median and 99th percentile
        this.checkTimer = io.micrometer.core.instrument.Timer.builder("redflag.registration.check")
                .description("One registration check against the sellers on record, linked or clean")
                .publishPercentiles(0.5, 0.99).register(meters);
        var rules = packs.defaultPack().identity().orElseThrow(() ->
                new IllegalStateException("policy pack " + packs.defaultPack().id() + " has no identity rules"));
        if (maxHops < 1 || maxHops > 50) {
            throw new org.redflag.app.problem.BadSetting("redflag.identity.max-hops", "expected 1 to 50; found "
                    + maxHops);
        }
        int hubThreshold = rules.hubThreshold().value().intValue();
        Decision onLink = "BLOCK".equals(rules.onLinkedRegistration().value()) ? Decision.BLOCKED
                : Decision.HELD_FOR_REVIEW;
        this.jdbc = jdbc;
        this.clock = clock;
        this.exchange = exchange;
        this.hubThreshold = hubThreshold;
        this.maxHops = maxHops;
        this.onLink = onLink;
        this.index = index;
    }

    /** The hub threshold of the deployment's pack: an identifier held by more sellers links nobody. */
    int hubThreshold() {
        return hubThreshold;
    }

    /**
     * Where a check reads the sellers on record: the identifiers two or more of them share, per seller, in (kind,
     * value) order (an identifier only its seller holds leads nowhere; a source may leave it out); and the holders of
     * each identifier in seller-id order, none for a hub.
     */
    interface Records {
        Map<String, List<Linker.Identifier>> stored(List<String> sellerIds);

        Map<Linker.Identifier, List<IdentityIndex.Holder>> holders(List<Linker.Identifier> wanted);
    }

    /** The decision for a seller with these identifiers, without storing anything. */
    public Result check(Linker.Seller seller) {
        return checkTimer.record(() -> checkUntimed(seller));
    }

    private Result checkUntimed(Linker.Seller seller) {
        Result local = index.read(memory -> checkLocal(seller, inMemory(memory)))
                .orElseGet(() -> checkLocal(seller, database));
        if (local.decision() != Decision.CLEAN) {
            return local;
        }
        List<String> partners = exchange.getObject().partnerMatches(seller);
        return partners.isEmpty() ? local : new Result(seller.id(), onLink, null, List.of(), partners);
    }

    private static Records inMemory(IdentityIndex memory) {
        return new Records() {
            @Override
            public Map<String, List<Linker.Identifier>> stored(List<String> sellerIds) {
                return memory.sharedIdentifiers(sellerIds);
            }

            @Override
            public Map<Linker.Identifier, List<IdentityIndex.Holder>> holders(List<Linker.Identifier> wanted) {
                Map<Linker.Identifier, List<IdentityIndex.Holder>> out = new HashMap<>();
                wanted.forEach(i -> out.put(i, new ArrayList<>(memory.holders(i))));
                return out;
            }
        };
    }

    /** Accounts in one identity, at most: a larger component is cut here (its first accounts by distance). */
    static final int MAX_IDENTITY = 10_000;

    /**
     * The accounts of a seller's identity, in id order: the seller and every seller on record it reaches over strong
     * identifiers that are not hubs, over any number of hops (up to {@link #MAX_IDENTITY} accounts).
     */
    public List<String> identity(String sellerId) {
        return index.read(memory -> component(sellerId, inMemory(memory)))
                .orElseGet(() -> component(sellerId, database));
    }

    private static List<String> component(String start, Records records) {
        Set<String> seen = new java.util.TreeSet<>(List.of(start));
        Set<Linker.Identifier> followed = new HashSet<>();
        List<String> level = List.of(start);
        while (!level.isEmpty() && seen.size() < MAX_IDENTITY) {
            List<Linker.Identifier> wanted = new ArrayList<>();
            records.stored(level).values().forEach(ids -> ids.stream()
                    .filter(i -> i.type().strong() && followed.add(i)).forEach(wanted::add));
            List<String> next = new ArrayList<>();
            for (List<IdentityIndex.Holder> hs : records.holders(wanted).values()) {
                for (IdentityIndex.Holder h : hs) {
                    if (seen.size() < MAX_IDENTITY && seen.add(h.sellerId())) {
                        next.add(h.sellerId());
                    }
                }
            }
            level = next;
        }
        return List.copyOf(seen);
    }

    /** The check against the database alone, whether or not the index is loaded. */
    Result checkInDatabase(Linker.Seller seller) {
        return checkLocal(seller, database);
    }

    private final Records database = new Records() {
        @Override
        public Map<String, List<Linker.Identifier>> stored(List<String> sellerIds) {
            return RegistrationCheck.this.stored(sellerIds);
        }

        @Override
        public Map<Linker.Identifier, List<IdentityIndex.Holder>> holders(List<Linker.Identifier> wanted) {
            return RegistrationCheck.this.holders(wanted);
        }
    };

    private Result checkLocal(Linker.Seller seller, Records records) {
        Map<String, String[]> via = new HashMap<>(); // seller -> {previous seller, kind, value}
        via.put(seller.id(), null);
        Map<String, List<Linker.Identifier>> identifiers = new HashMap<>();
        identifiers.put(seller.id(), seller.identifiers());
        Set<Linker.Identifier> followed = new HashSet<>(); // every holder of these is already in via
        List<String> level = List.of(seller.id());
        // Breadth-first, each level in seller-id order, each seller's identifiers in (kind, value) order, each
        // identifier's holders in seller-id order. A level costs two statements: the identifiers of the sellers it
        // reached, then the holders of those identifiers, each a bounded index range, so hubs are never fetched.
        for (int hop = 0; hop < maxHops && !level.isEmpty(); hop++) {
            level = new ArrayList<>(level);
            level.sort(null);
            identifiers.putAll(records.stored(level.stream().filter(x -> !identifiers.containsKey(x)).toList()));
            List<Linker.Identifier> wanted = new ArrayList<>();
            for (String s : level) {
                for (Linker.Identifier i : identifiers.getOrDefault(s, List.of())) {
                    if (i.type().strong() && followed.add(i)) {
                        wanted.add(i);
                    }
                }
            }
            Map<Linker.Identifier, List<IdentityIndex.Holder>> holders = records.holders(wanted);
            List<String> next = new ArrayList<>();
            for (String s : level) {
                for (Linker.Identifier i : identifiers.getOrDefault(s, List.of())) {
                    // each identifier is walked once, from its first holder
                    List<IdentityIndex.Holder> hs = holders.remove(i);
                    if (hs == null) {
                        continue;
                    }
                    for (IdentityIndex.Holder h : hs) {
                        if (via.containsKey(h.sellerId())) {
                            continue;
                        }
                        via.put(h.sellerId(), new String[] {s, i.type().key(), i.value()});
                        if (h.banned()) {
                            return new Result(seller.id(), onLink, h.sellerId(), path(via, h.sellerId()));
                        }
                        next.add(h.sellerId());
                    }
                }
            }
            level = next;
        }
        return new Result(seller.id(), Decision.CLEAN, null, List.of());
    }

    /**
     * The sellers holding each of these identifiers, in id order; none for a hub. For each identifier at most
     * threshold + 1 rows are read, in one statement for up to {@link #CHUNK} identifiers: one more than the threshold
     * is enough to know a hub, and a hub's thousands of holders are never fetched.
     */
    private Map<Linker.Identifier, List<IdentityIndex.Holder>> holders(List<Linker.Identifier> wanted) {
        Map<Linker.Identifier, List<IdentityIndex.Holder>> out = new HashMap<>();
        for (int from = 0; from < wanted.size(); from += CHUNK) {
            List<Linker.Identifier> chunk = wanted.subList(from, Math.min(wanted.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder();
            Map<String, Object> params = new HashMap<>();
            params.put("n", hubThreshold + 1);
            for (int k = 0; k < chunk.size(); k++) {
                if (k > 0) {
                    sql.append(" UNION ALL ");
                }
                sql.append("(SELECT ").append(k).append(" AS q, i.seller_id, s.banned FROM seller_identifiers i")
                        .append(" JOIN sellers s ON s.id = i.seller_id WHERE i.kind = :k").append(k)
                        .append(" AND i.id_value = :v").append(k)
                        .append(" ORDER BY i.seller_id FETCH FIRST :n ROWS ONLY)");
                params.put("k" + k, chunk.get(k).type().name());
                params.put("v" + k, chunk.get(k).value());
                out.put(chunk.get(k), new ArrayList<>());
            }
            jdbc.sql(sql.toString()).params(params).query(rs -> {
                out.get(chunk.get(rs.getInt(1))).add(new IdentityIndex.Holder(rs.getString(2), rs.getBoolean(3)));
            });
            for (Linker.Identifier i : chunk) {
                List<IdentityIndex.Holder> hs = out.get(i);
                if (hs.size() > hubThreshold) {
                    hs.clear();
                }
                hs.sort(java.util.Comparator.comparing(IdentityIndex.Holder::sellerId));
            }
        }
        return out;
    }

    /** Registers a seller: stores it and its identifiers with the check's decision as its status. */
    @Transactional
    public Result register(Linker.Seller seller, String name) {
        return register(seller, name, null);
    }

    /** As {@link #register(Linker.Seller, String)}, naming the platform account the seller sells under, if any. */
    @Transactional
    public Result register(Linker.Seller seller, String name, Long accountId) {
        Result r = check(seller);
        String status = seller.banned() ? "BANNED" : switch (r.decision()) {
            case CLEAN -> "ACTIVE";
            case BLOCKED -> "BLOCKED";
            case HELD_FOR_REVIEW -> "HELD";
        };
        jdbc.sql("INSERT INTO sellers (id, name, banned, status, registered_at, check_result, account_id) VALUES (:i,"
                        + " :n, :b, :s, :t, :c, :a)")
                .param("a", accountId, java.sql.Types.BIGINT)
                .param("i", seller.id()).param("n", name).param("b", seller.banned()).param("s", status)
                .param("t", clock.instant().atOffset(ZoneOffset.UTC))
                .param("c", org.redflag.app.infrastructure.ColumnText.fit(r.linkedBanned() != null ? "linked to "
                        + r.linkedBanned() + " over " + r.path().size() + " hop(s)" : r.partnerRecords().isEmpty()
                        ? null : "partner records " + r.partnerRecords(), 8000)).update();
        for (Linker.Identifier i : seller.identifiers()) {
            jdbc.sql("INSERT INTO seller_identifiers (seller_id, kind, id_value) VALUES (:s, :k, :v)")
                    .param("s", seller.id()).param("k", i.type().name()).param("v", i.value()).update();
        }
        index.afterCommit(seller);
        return r;
    }

    /** Stored sellers' identifiers, each seller's in (kind, value) order. */
    private Map<String, List<Linker.Identifier>> stored(List<String> sellerIds) {
        Map<String, List<Linker.Identifier>> out = new HashMap<>();
        for (int from = 0; from < sellerIds.size(); from += CHUNK) {
            jdbc.sql("SELECT seller_id, kind, id_value FROM seller_identifiers WHERE seller_id IN (:s)")
                    .param("s", sellerIds.subList(from, Math.min(sellerIds.size(), from + CHUNK)))
                    .query(rs -> {
                        out.computeIfAbsent(rs.getString(1), x -> new ArrayList<>()).add(new Linker.Identifier(
                                IdentifierType.valueOf(rs.getString(2)), rs.getString(3)));
                    });
        }
        out.values().forEach(ids -> ids.sort(java.util.Comparator.comparing((Linker.Identifier i) -> i.type().name())
                .thenComparing(Linker.Identifier::value)));
        return out;
    }

    private static List<Hop> path(Map<String, String[]> via, String end) {
        List<Hop> hops = new ArrayList<>();
        for (String cur = end; via.get(cur) != null; cur = via.get(cur)[0]) {
            String[] v = via.get(cur);
            hops.add(0, new Hop(v[0], cur, v[1], Normalisers.mask(v[2])));
        }
        return hops;
    }

    static Map<String, Object> view(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sellerId", r.sellerId());
        m.put("decision", r.decision().name());
        if (r.linkedBanned() != null) {
            m.put("linkedBanned", r.linkedBanned());
            m.put("path", r.path());
        }
        if (!r.partnerRecords().isEmpty()) {
            m.put("partnerRecords", r.partnerRecords());
        }
        return m;
    }
}
