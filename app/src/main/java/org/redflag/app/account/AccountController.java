package org.redflag.app.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts: admins create them; anyone reads its own and issues API keys for its machines. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts")
public class AccountController {

    static final int MIN = Accounts.MIN_PASSWORD_CHARS;
    static final int MAX = Accounts.MAX_PASSWORD_CHARS;
    /** What a password of the wrong length is told. */
    static final String LENGTH = MIN + " to " + MAX + " characters";

    public record NewAccount(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
                             @NotBlank
                             @Size(min = MIN, max = MAX, message = LENGTH)
                             String password,
                             @NotNull Role role,
                             @NotBlank @Size(max = 200) String displayName) {
    }

    public record AccountView(long id, String username, Role role, String displayName, boolean disabled) {
        static AccountView of(Accounts.Account a) {
            return new AccountView(a.id(), a.username(), a.role(), a.displayName(), a.disabled());
        }
    }

    public record NewApiKey(@NotBlank @Size(max = 100) String label) {
    }

    public record IssuedKey(String key, String header, String note) {
    }

    public record PasswordChange(@NotBlank @Size(max = 200) String currentPassword,
                                 @NotBlank
                                 @Size(min = MIN, max = MAX, message = LENGTH)
                                 String newPassword) {
    }

    public record Disabling(@NotNull Boolean disabled) {
    }

    public record PasswordReset(@NotBlank
                                @Size(min = MIN, max = MAX, message = LENGTH)
                                String newPassword) {
    }

    private final Accounts accounts;
    private final CurrentActor current;
    private final AccountSettings settings;

    public AccountController(Accounts accounts, CurrentActor current, AccountSettings settings) {
        this.accounts = accounts;
        this.current = current;
        this.settings = settings;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account (admins)")
    public AccountView create(@Valid @RequestBody NewAccount body) {
        var a = settings.create(current.get(), body.username(), body.password(), body.role(), body.displayName());
        return AccountView.of(a);
    }

    @GetMapping
    @Operation(summary = "Every account (admins)")
    public java.util.List<AccountView> all() {
        if (current.get().role() != Role.ADMIN) {
            throw org.redflag.app.problem.ApiException.forbidden("only admins list accounts");
        }
        return accounts.all().stream().map(a -> AccountView.of(a))
                .toList();
    }

    @GetMapping("/me")
    @Operation(summary = "The account making the request")
    public AccountView me() {
        Actor a = current.get();
        var account = accounts.byId(a.accountId()).orElseThrow();
        return AccountView.of(account);
    }

    @PostMapping("/me/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue an API key for this account", description = "The key is shown once; only its"
            + " hash is stored. Send it in the X-Api-Key header.")
    public IssuedKey issue(@Valid @RequestBody NewApiKey body) {
        String key = accounts.issueApiKey(current.get().accountId(), body.label());
        return new IssuedKey(key, SecurityConfiguration.API_KEY_HEADER, "shown once; store it now");
    }

    @org.springframework.web.bind.annotation.PutMapping(path = "/me/password",
            consumes = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change this account's password", description = "With the current password. Wrong ones"
            + " count towards the username's lockout, as at login.")
    public void changePassword(@Valid @RequestBody PasswordChange body) {
        settings.changePassword(current.get(), body.currentPassword(), body.newPassword());
    }

    @org.springframework.web.bind.annotation.PutMapping(path = "/{id}/password",
            consumes = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set another account's password (admins)", description = "For a person who lost theirs;"
            + " an admin who lost their own starts the server once with --reset-password USERNAME.")
    public void resetPassword(@org.springframework.web.bind.annotation.PathVariable long id,
                              @Valid @RequestBody PasswordReset body) {
        settings.resetPassword(current.get(), id, body.newPassword());
    }

    @org.springframework.web.bind.annotation.PutMapping(path = "/{id}/disabled",
            consumes = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Disable an account or enable it again (admins)", description = "A disabled account"
            + " cannot log in and its API keys are refused, at once; its notices and history stay.")
    public void disable(@org.springframework.web.bind.annotation.PathVariable long id,
                        @Valid @RequestBody Disabling body) {
        settings.setDisabled(current.get(), id, body.disabled());
    }

    @GetMapping("/me/api-keys")
    @Operation(summary = "This account's API keys", description = "Each by the handle that revokes it, its label"
            + " and when it was issued; the keys themselves are not kept.")
    public java.util.List<Accounts.ApiKey> keys() {
        return accounts.apiKeys(current.get().accountId());
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/me/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of this account's API keys", description = "Refused from then on.")
    public void revoke(@org.springframework.web.bind.annotation.PathVariable String id) {
        settings.revokeKey(current.get(), id);
    }
}
