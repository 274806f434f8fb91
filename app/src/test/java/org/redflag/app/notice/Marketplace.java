package org.redflag.app.notice;

import java.util.List;
import java.util.Map;
import org.redflag.app.account.Role;
import org.redflag.app.server.TestServer;

/** The cast of an integration test: a reviewer, two right holders, two sellers with a listing each, an admin. */
public final class Marketplace {

    final TestServer server;
    public final TestServer.Client admin;
    public final TestServer.Client reviewer;
    public final TestServer.Client brand;
    final TestServer.Client otherBrand;
    public final TestServer.Client seller;
    final TestServer.Client otherSeller;

    public Marketplace(TestServer server, String prefix) {
        this.server = server;
        admin = server.account(prefix + "admin", Role.ADMIN);
        reviewer = server.account(prefix + "reviewer", Role.REVIEWER);
        brand = server.account(prefix + "brand", Role.RIGHTS_HOLDER);
        otherBrand = server.account(prefix + "brand2", Role.RIGHTS_HOLDER);
        seller = server.account(prefix + "seller", Role.SELLER);
        otherSeller = server.account(prefix + "seller2", Role.SELLER);
    }

    /** A listing of the seller, registered over the API. */
    public String listing(TestServer.Client owner, String id) {
        owner.post("/api/listings", Map.of("id", id, "title", "Listing " + id)).expect(201);
        return id;
    }

    public static Map<String, Object> notice(List<String> listings, boolean complete, String language) {
        return Map.of(
                "right", Map.of("type", "TRADEMARK", "reference", "TM 12345678"),
                "listings", listings,
                "reasonCode", "COUNTERFEIT",
                "language", language,
                "text", "notice text as written, in " + language,
                "elements", Map.of("rightsHolderIdentity", true, "proofOfRights", complete, "listingLocation", true,
                        "infringementEvidence", true, "goodFaithStatement", true));
    }

    public static Map<String, Object> action(String action) {
        return Map.of("action", action, "reasons", "reasons for " + action);
    }

    public long file(TestServer.Client who, String listing) {
        return who.post("/api/notices", notice(List.of(listing), true, "en")).expect(201).json().get("id").asLong();
    }
}
