package org.redflag.app.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int hubThreshold;
    private final int maxHops;
    private final Decision onLink;

    private final org.springframework.beans.factory.ObjectProvider<CreditExchange> exchange;

    public RegistrationCheck(JdbcClient jdbc, Clock clock,
                             org.springframework.beans.factory.ObjectProvider<CreditExchange> exchange,
                             @Value("${redflag.policy:CN}") String policy,
                             @Value("${redflag.identity.max-hops:4}") int maxHops) {
        var rules = org.redflag.law.PolicyPacks.builtIn().find(policy).orElseThrow().identity().orElseThrow(() ->
                new IllegalStateException("policy pack " + policy + " has no identity rules"));
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
        ArrayDeque<String> frontier = new ArrayDeque<>();
        Map<String, List<Linker.Identifier>> identifiers = new HashMap<>();
        identifiers.put(seller.id(), seller.identifiers());
        frontier.add(seller.id());
        for (int hop = 0; hop < maxHops && !frontier.isEmpty(); hop++) {
            List<String> level = new ArrayList<>(frontier);
            frontier.clear();
            level.sort(null);
            for (String s : level) {
                List<Linker.Identifier> ids = identifiers.computeIfAbsent(s, this::stored);
                for (Linker.Identifier i : ids) {
                    if (!i.type().strong()) {
                        continue;
                    }
                    List<String[]> holders = jdbc.sql("SELECT s.id, s.banned FROM seller_identifiers i JOIN sellers s"
                                    + " ON s.id = i.seller_id WHERE i.kind = :k AND i.id_value = :v ORDER BY s.id")
                            .param("k", i.type().name()).param("v", i.value())
                            .query((rs, n) -> new String[] {rs.getString(1), String.valueOf(rs.getBoolean(2))}).list();
                    if (holders.size() > hubThreshold) {
                        continue;
                    }
                    for (String[] h : holders) {
                        if (via.containsKey(h[0])) {
                            continue;
                        }
                        via.put(h[0], new String[] {s, i.type().key(), i.value()});
                        if (Boolean.parseBoolean(h[1])) {
                            return new Result(seller.id(), onLink, h[0], path(via, h[0]));
                        }
                        frontier.add(h[0]);
                    }
                }
            }
        }
        return new Result(seller.id(), Decision.CLEAN, null, List.of());
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

    private List<Linker.Identifier> stored(String sellerId) {
        return jdbc.sql("SELECT kind, id_value FROM seller_identifiers WHERE seller_id = :s ORDER BY kind, id_value")
                .param("s", sellerId).query((rs, n) -> new Linker.Identifier(IdentifierType.valueOf(rs.getString(1)),
                        rs.getString(2))).list();
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
