package org.redflag.app.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.redflag.app.account.AccountSettings;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.redflag.app.webhook.Webhooks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One's own account: change the password, issue API keys for one's machines (shown once) and revoke them, add
 * webhooks (their signing secret shown once) and remove them.
 */
@Controller
public class AccountPage {

    private final CurrentActor current;
    private final Accounts accounts;
    private final AccountSettings settings;
    private final Webhooks webhooks;

    public AccountPage(CurrentActor current, Accounts accounts, AccountSettings settings, Webhooks webhooks) {
        this.current = current;
        this.accounts = accounts;
        this.settings = settings;
        this.webhooks = webhooks;
    }

    @GetMapping("/account")
    public String account(Model model) {
        return page(model, Map.of());
    }

    private String page(Model model, Map<String, String> errors) {
        Actor actor = current.get();
        model.addAttribute("account", accounts.byId(actor.accountId()).orElseThrow());
        model.addAttribute("keys", accounts.apiKeys(actor.accountId()));
        model.addAttribute("webhooks", webhooks.of(actor));
        model.addAttribute("errors", errors);
        return "account";
    }

    @PostMapping("/account/password")
    public String password(@RequestParam(defaultValue = "") String currentPassword,
                           @RequestParam(defaultValue = "") String newPassword,
                           @RequestParam(defaultValue = "") String repeatPassword, Model model,
                           RedirectAttributes flash) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!Accounts.passwordLengthAllowed(newPassword)) {
            errors.put("newPassword", "account.password.length");
        } else if (!newPassword.equals(repeatPassword)) {
            errors.put("repeatPassword", "account.password.repeat");
        }
        if (errors.isEmpty()) {
            try {
                settings.changePassword(current.get(), currentPassword, newPassword);
                flash.addFlashAttribute("done", "account.password.changed");
                return "redirect:/account";
            } catch (ApiException e) {
                errors.put(e.field() == null ? "currentPassword" : e.field(), switch (e.status()) {
                    case TOO_MANY_REQUESTS -> "account.password.locked";
                    default -> "currentPassword".equals(e.field()) ? "account.password.wrong"
                            : "account.password.bytes";
                });
            }
        }
        return page(model, errors);
    }

    @PostMapping("/account/api-keys")
    public String issue(@RequestParam(defaultValue = "") String label, Model model, RedirectAttributes flash) {
        String l = label.strip();
        if (l.isEmpty() || l.length() > 100) {
            return page(model, Map.of("label", "account.key.label"));
        }
        flash.addFlashAttribute("issued", accounts.issueApiKey(current.get().accountId(), l));
        return "redirect:/account";
    }

    @PostMapping("/account/api-keys/{id}/revoke")
    public String revoke(@PathVariable String id, RedirectAttributes flash) {
        settings.revokeKey(current.get(), id);
        flash.addFlashAttribute("done", "account.key.revoked");
        return "redirect:/account";
    }

    @PostMapping("/account/webhooks")
    public String addWebhook(@RequestParam(defaultValue = "") String url, Model model, RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("webhookSecret", webhooks.add(current.get(), url).secret());
        } catch (ApiException e) { // the detail says what is wrong with the address, as the API does
            model.addAttribute("webhookUrl", url);
            return page(model, Map.of("url", e.getMessage()));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/webhooks/{id}/ping")
    public String pingWebhook(@PathVariable long id, RedirectAttributes flash) {
        webhooks.ping(current.get(), id);
        flash.addFlashAttribute("done", "account.webhook.pinged");
        return "redirect:/account";
    }

    @PostMapping("/account/webhooks/{id}/remove")
    public String removeWebhook(@PathVariable long id, RedirectAttributes flash) {
        webhooks.remove(current.get(), id);
        flash.addFlashAttribute("done", "account.webhook.removed");
        return "redirect:/account";
    }
}
