package org.redflag.app.web;

import java.util.Map;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.identity.RegistrationCheck;
import org.redflag.app.identity.SellerDiscipline;
import org.redflag.app.problem.ApiException;
import org.redflag.identity.SellerReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sellers, for platform staff: check a registration against the sellers on record (the decision and the path of
 * shared identifiers, values masked), look up a seller's identity with its strikes and money, and the latest
 * registrations.
 */
@Controller
public class SellerPages {

    /** One registration as listed: when, its status, and what the check said. */
    public record Registration(String id, String status, String registeredAt, String checkResult) {
    }

    private final CurrentActor current;
    private final RegistrationCheck check;
    private final SellerDiscipline discipline;
    private final JdbcClient jdbc;
    private final SellerReader reader;

    public SellerPages(CurrentActor current, RegistrationCheck check, SellerDiscipline discipline, JdbcClient jdbc,
                       @Value("${redflag.identity.region:CN}") String region) {
        this.current = current;
        this.check = check;
        this.discipline = discipline;
        this.jdbc = jdbc;
        this.reader = new SellerReader(region);
    }

    @GetMapping("/sellers")
    public String sellers(@RequestParam(required = false) String id, Model model) {
        staff();
        model.addAttribute("registrations", jdbc.sql("SELECT id, status, registered_at, check_result FROM sellers"
                        + " ORDER BY registered_at DESC, id LIMIT 20")
                .query((rs, i) -> new Registration(rs.getString(1), rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant().toString(), rs.getString(4)))
                .list());
        model.addAttribute("lookup", id == null ? "" : id);
        model.addAttribute("seller", "{\"id\": \"new-seller\", \"phones\": [\"+86 139 0000 0000\"]}");
        if (id != null && !id.isBlank()) {
            try {
                model.addAttribute("discipline", discipline.view(id.strip()));
            } catch (ApiException e) {
                model.addAttribute("lookupError", e.getMessage());
            }
        }
        return "sellers";
    }

    @PostMapping("/sellers/check")
    public String checkRegistration(@RequestParam(defaultValue = "") String seller, Model model) {
        String page = sellers(null, model);
        model.addAttribute("seller", seller);
        if (seller.length() > 64 * 1024) {
            model.addAttribute("checkError", "a seller registration is at most 64 KiB");
            return page;
        }
        try {
            Map<String, Object> result = RegistrationCheckView.of(check.check(reader.parse(seller)));
            model.addAttribute("result", result);
        } catch (SellerReader.BadLine e) {
            model.addAttribute("checkError", (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
        }
        return page;
    }

    /** The check's answer as the API gives it. */
    static final class RegistrationCheckView {
        private RegistrationCheckView() {
        }

        static Map<String, Object> of(RegistrationCheck.Result r) {
            return Map.of("decision", r.decision().name(), "linkedBanned", r.linkedBanned() == null ? ""
                    : r.linkedBanned(), "path", r.path(), "partnerRecords", r.partnerRecords());
        }
    }

    private void staff() {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff see sellers");
        }
    }
}
