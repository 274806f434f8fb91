package org.redflag.app.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.redflag.app.server.ApiException;
import org.springframework.dao.DuplicateKeyException;
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

    public record NewAccount(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
                             @NotBlank @Size(min = 12, max = 72, message = "12 to 72 characters") String password,
                             @NotNull Role role,
                             @NotBlank @Size(max = 200) String displayName) {
    }

    public record AccountView(long id, String username, Role role, String displayName) {
    }

    public record NewApiKey(@NotBlank @Size(max = 100) String label) {
    }

    public record IssuedKey(String key, String header, String note) {
    }

    private final Accounts accounts;
    private final CurrentActor current;

    public AccountController(Accounts accounts, CurrentActor current) {
        this.accounts = accounts;
        this.current = current;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account (admins)")
    public AccountView create(@Valid @RequestBody NewAccount body) {
        if (current.get().role() != Role.ADMIN) {
            throw ApiException.forbidden("only admins create accounts");
        }
        int bytes = body.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > Accounts.MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("password", "at most " + Accounts.MAX_PASSWORD_BYTES + " bytes in UTF-8"
                    + " (72 Latin letters, 24 Chinese characters); this one is " + bytes + ": bcrypt, the hash a"
                    + " password is stored under, reads no further");
        }
        try {
            var a = accounts.create(body.username(), body.password(), body.role(), body.displayName());
            return new AccountView(a.id(), a.username(), a.role(), a.displayName());
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "Conflict", "the username " + body.username()
                    + " is taken", "username");
        }
    }

    @GetMapping("/me")
    @Operation(summary = "The account making the request")
    public AccountView me() {
        Actor a = current.get();
        var account = accounts.byId(a.accountId()).orElseThrow();
        return new AccountView(account.id(), account.username(), account.role(), account.displayName());
    }

    @PostMapping("/me/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue an API key for this account", description = "The key is shown once; only its"
            + " hash is stored. Send it in the X-Api-Key header.")
    public IssuedKey issue(@Valid @RequestBody NewApiKey body) {
        String key = accounts.issueApiKey(current.get().accountId(), body.label());
        return new IssuedKey(key, SecurityConfiguration.API_KEY_HEADER, "shown once; store it now");
    }
}
