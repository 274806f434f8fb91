package org.redflag.app.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.redflag.app.account.AccountController;
import org.redflag.app.account.AccountSettings;
import org.redflag.app.account.Accounts;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.account.Role;
import org.redflag.app.problem.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** For admins: every account, a form to create one, and setting a person's password when they lost theirs. */
@Controller
public class AccountsAdminPage {

    private final CurrentActor current;
    private final Accounts accounts;
    private final AccountSettings settings;
    private final jakarta.validation.Validator validator;

    public AccountsAdminPage(CurrentActor current, Accounts accounts, AccountSettings settings,
                             jakarta.validation.Validator validator) {
        this.current = current;
        this.accounts = accounts;
        this.settings = settings;
        this.validator = validator;
    }

    @GetMapping("/admin/accounts")
    public String list(Model model) {
        return page(model, Map.of(), Map.of());
    }

    private String page(Model model, Map<String, String> errors, Map<String, String> form) {
        if (current.get().role() != Role.ADMIN) {
            throw ApiException.forbidden("only admins manage accounts");
        }
        model.addAttribute("accounts", accounts.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return "accounts";
    }

    @PostMapping("/admin/accounts")
    public String create(@RequestParam(defaultValue = "") String username,
                         @RequestParam(defaultValue = "") String displayName,
                         @RequestParam(defaultValue = "") String role,
                         @RequestParam(defaultValue = "") String password, Model model, RedirectAttributes flash) {
        Map<String, String> form = Map.of("username", username, "displayName", displayName, "role", role);
        Role r = null;
        try {
            r = Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            // named below
        }
        // the API's limits, said beside the field they concern
        Map<String, String> errors = new LinkedHashMap<>(Refusals.of(validator,
                new AccountController.NewAccount(username, password, r, displayName)));
        if (errors.isEmpty()) {
            try {
                settings.create(current.get(), username, password, r, displayName);
                flash.addFlashAttribute("done", username);
                return "redirect:/admin/accounts";
            } catch (ApiException e) {
                if (e.field() == null) {
                    throw e;
                }
                errors.put(e.field(), e.field() + ": " + e.getMessage());
            }
        }
        return page(model, errors, form);
    }

    @PostMapping("/admin/accounts/{id}/password")
    public String password(@PathVariable long id, @RequestParam(defaultValue = "") String newPassword, Model model,
                           RedirectAttributes flash) {
        if (!Accounts.passwordLengthAllowed(newPassword)) {
            return page(model, Map.of("password-" + id, "newPassword: " + Accounts.MIN_PASSWORD_CHARS + " to "
                    + Accounts.MAX_PASSWORD_CHARS + " characters"), Map.of());
        }
        try {
            settings.resetPassword(current.get(), id, newPassword);
        } catch (ApiException e) {
            if (!"newPassword".equals(e.field())) {
                throw e;
            }
            return page(model, Map.of("password-" + id, "newPassword: " + e.getMessage()), Map.of());
        }
        flash.addFlashAttribute("reset", accounts.byId(id).map(Accounts.Account::username).orElse("?"));
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/disabled")
    public String disabled(@PathVariable long id, @RequestParam(defaultValue = "true") boolean disabled, Model model,
                           RedirectAttributes flash) {
        try {
            settings.setDisabled(current.get(), id, disabled);
        } catch (ApiException e) {
            if (!"disabled".equals(e.field())) {
                throw e;
            }
            return page(model, Map.of("disabled-" + id, e.getMessage()), Map.of());
        }
        flash.addFlashAttribute(disabled ? "disabledAccount" : "enabledAccount",
                accounts.byId(id).map(Accounts.Account::username).orElse("?"));
        return "redirect:/admin/accounts";
    }
}
