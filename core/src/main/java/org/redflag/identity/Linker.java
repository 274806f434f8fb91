package org.redflag.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Links accounts that share a strong identifier into one identity, over any number of hops (union-find over int
 * arrays), and explains each link to a banned account as the chain of shared identifiers, hop by hop, values
 * masked. An identifier held by more than {@code hubThreshold} accounts (a fulfilment centre's address, a payment
 * aggregator's collection account) is a hub and links nobody; weak identifiers (names, addresses) never link.
 * The result depends neither on the order of the input nor on how each identifier was typed.
 */
public final class Linker {

    public record Identifier(IdentifierType type, String value) {
    }

    public record Seller(String id, boolean banned, List<Identifier> identifiers) {
    }

    public record Hop(String from, String to, IdentifierType identifier, String masked) {
    }

    public record Link(String bannedId, double confidence, List<Hop> path) {
    }

    public record Result(String sellerId, String clusterId, List<Link> linkedBanned) {
    }

    private final int hubThreshold;
    /** How many banned accounts one result lists at most, nearest first. */
    private final int maxLinks;

    public Linker(int hubThreshold, int maxLinks) {
        this.hubThreshold = hubThreshold;
        this.maxLinks = maxLinks;
    }

    /** Every seller that is not banned and is linked to a banned one, in input order. */
    public List<Result> link(List<Seller> sellers) {
        IdentityGraph graph = new IdentityGraph(hubThreshold);
        sellers.forEach(graph::add);
        List<Result> out = new ArrayList<>();
        graph.results(maxLinks, out::add);
        return out;
    }
}
