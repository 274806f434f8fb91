package org.redflag.app.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redflag.app.notice.Packs;
import org.redflag.identity.IdentifierType;
import org.redflag.identity.Linker;
import org.redflag.identity.Normalisers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a registration against the sellers on record at once: its normalised strong identifiers are looked up in
 * the index, hop by hop (at most {@code redflag.identity.max-hops}), skipping hubs, until a banned seller is found or
 * the trail ends. A linked registration is blocked or held for review, as the pack's identity rules say; so is the
 * hub threshold.
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

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int hubThreshold;
    private final int maxHops;
    private final Decision onLink;

    private final org.springframework.beans.factory.ObjectProvider<CreditExchange> exchange;

    public RegistrationCheck(JdbcClient jdbc, Clock clock,
                             org.springframework.beans.factory.ObjectProvider<CreditExchange> exchange,
                             Packs packs, @Value("${redflag.identity.max-hops:4}") int maxHops) {
        var rules = packs.defaultPack().identity().orElseThrow(() ->
                new IllegalStateException("policy pack " + packs.defaultPack().id() + " has no identity rules"));
        int hubThreshold = rules.hubThreshold().value().intValue();
        Decision onLink = "BLOCK".equals(rules.onLinkedRegistration().value()) ? Decision.BLOCKED
                : Decision.HELD_FOR_REVIEW;
        this.jdbc = jdbc;
        this.clock = clock;
        this.exchange = exchange;
        this.hubThreshold = hubThreshold;
        this.maxHops = maxHops;
        this.onLink = onLink;
    }

    /** The decision for a seller with these identifiers, without storing anything. */
    public Result check(Linker.Seller seller) {
        Result local = checkLocal(seller);
        if (local.decision() != Decision.CLEAN) {
            return local;
        }
        List<String> partners = exchange.getObject().partnerMatches(seller);
        return partners.isEmpty() ? local : new Result(seller.id(), onLink, null, List.of(), partners);
    }

    private Result checkLocal(Linker.Seller seller) {
        Map<String, String[]> via = new HashMap<>(); // seller -> {previous seller, kind, value}
        via.put(seller.id(), null);
        List<String> level = List.of(seller.id());
        Map<String, List<Linker.Identifier>> identifiers = new HashMap<>();
        identifiers.put(seller.id(), seller.identifiers());
        Set<Linker.Identifier> followed = new HashSet<>(); // every holder of these is already in via
        // One hop is three statements whatever its width: the identifiers of the sellers reached, the hubs among their
        // strong identifiers, then the holders of the others; the results are walked in the same sorted order as one look-up at a time.
        for (int hop = 0; hop < maxHops && !level.isEmpty(); hop++) {
            level = new ArrayList<>(level);
            level.sort(null);
            identifiers.putAll(stored(level.stream().filter(s -> !identifiers.containsKey(s)).toList()));
            Set<Linker.Identifier> wanted = new LinkedHashSet<>();
            for (String s : level) {
                for (Linker.Identifier i : identifiers.getOrDefault(s, List.of())) {
                    if (i.type().strong() && !followed.contains(i)) {
                        wanted.add(i);
                    }
                }
            }
            Map<Linker.Identifier, List<String[]>> holders = holders(wanted);
            List<String> next = new ArrayList<>();
            for (String s : level) {
                for (Linker.Identifier i : identifiers.getOrDefault(s, List.of())) {
                    if (!wanted.contains(i) || !followed.add(i)) {
                        continue;
                    }
                    List<String[]> hs = holders.getOrDefault(i, List.of()); // empty for a hub
                    for (String[] h : hs) {
                        if (via.containsKey(h[0])) {
                            continue;
                        }
                        via.put(h[0], new String[] {s, i.type().key(), i.value()});
                        if (Boolean.parseBoolean(h[1])) {
                            return new Result(seller.id(), onLink, h[0], path(via, h[0]));
                        }
                        next.add(h[0]);
                    }
                }
            }
            level = next;
        }
        return new Result(seller.id(), Decision.CLEAN, null, List.of());
    }

    /**
     * The sellers holding each of these identifiers, {id, banned}, in id order; hubs (held by more than the
     * threshold) are left out, counted first so that a hub's thousands of holders are never fetched.
     */
    private Map<Linker.Identifier, List<String[]>> holders(Set<Linker.Identifier> wanted) {
        Map<Linker.Identifier, List<String[]>> out = new HashMap<>();
        List<Linker.Identifier> all = new ArrayList<>(wanted);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Linker.Identifier> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Set<Linker.Identifier> exact = new HashSet<>(chunk);
            Set<Linker.Identifier> hubs = new HashSet<>();
            jdbc.sql("SELECT kind, id_value FROM seller_identifiers WHERE kind IN (:k) AND id_value IN (:v)"
                            + " GROUP BY kind, id_value HAVING COUNT(*) > :t")
                    .param("k", kinds(chunk)).param("v", values(chunk)).param("t", hubThreshold)
                    .query(rs -> {
                        hubs.add(new Linker.Identifier(IdentifierType.valueOf(rs.getString(1)), rs.getString(2)));
                    });
            exact.removeAll(hubs);
            if (exact.isEmpty()) {
                continue;
            }
            List<Linker.Identifier> rest = List.copyOf(exact);
            jdbc.sql("SELECT i.kind, i.id_value, s.id, s.banned FROM seller_identifiers i JOIN sellers s"
                            + " ON s.id = i.seller_id WHERE i.kind IN (:k) AND i.id_value IN (:v) ORDER BY s.id")
                    .param("k", kinds(rest)).param("v", values(rest))
                    .query(rs -> {
                        var id = new Linker.Identifier(IdentifierType.valueOf(rs.getString(1)), rs.getString(2));
                        if (exact.contains(id)) {
                            out.computeIfAbsent(id, x -> new ArrayList<>()).add(new String[] {rs.getString(3),
                                    String.valueOf(rs.getBoolean(4))});
                        }
                    });
        }
        return out;
    }

    private static List<String> kinds(List<Linker.Identifier> ids) {
        return ids.stream().map(i -> i.type().name()).distinct().toList();
    }

    private static List<String> values(List<Linker.Identifier> ids) {
        return ids.stream().map(Linker.Identifier::value).distinct().toList();
    }

    /** Registers a seller: stores it and its identifiers with the check's decision as its status. */
    @Transactional
    public Result register(Linker.Seller seller, String name) {
        Result r = check(seller);
        String status = seller.banned() ? "BANNED" : switch (r.decision()) {
            case CLEAN -> "ACTIVE";
            case BLOCKED -> "BLOCKED";
            case HELD_FOR_REVIEW -> "HELD";
        };
        jdbc.sql("INSERT INTO sellers (id, name, banned, status, registered_at, check_result) VALUES (:i, :n, :b, :s,"
                        + " :t, :c)")
                .param("i", seller.id()).param("n", name).param("b", seller.banned()).param("s", status)
                .param("t", clock.instant().atOffset(ZoneOffset.UTC))
                .param("c", r.linkedBanned() != null ? "linked to " + r.linkedBanned() + " over " + r.path().size()
                        + " hop(s)" : r.partnerRecords().isEmpty() ? null : "partner records "
                        + r.partnerRecords()).update();
        for (Linker.Identifier i : seller.identifiers()) {
            jdbc.sql("INSERT INTO seller_identifiers (seller_id, kind, id_value) VALUES (:s, :k, :v)")
                    .param("s", seller.id()).param("k", i.type().name()).param("v", i.value()).update();
        }
        return r;
    }

    private Map<String, List<Linker.Identifier>> stored(List<String> sellerIds) {
        Map<String, List<Linker.Identifier>> out = new HashMap<>();
        for (int from = 0; from < sellerIds.size(); from += CHUNK) {
            List<String> chunk = sellerIds.subList(from, Math.min(sellerIds.size(), from + CHUNK));
            jdbc.sql("SELECT seller_id, kind, id_value FROM seller_identifiers WHERE seller_id IN (:s)"
                            + " ORDER BY seller_id, kind, id_value")
                    .param("s", chunk).query(rs -> {
                        out.computeIfAbsent(rs.getString(1), x -> new ArrayList<>()).add(new Linker.Identifier(
                                IdentifierType.valueOf(rs.getString(2)), rs.getString(3)));
                    });
        }
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
