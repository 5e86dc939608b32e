using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace Membership.Identity.Accounts;

/// <summary>
/// An administrator takes a staff member's authenticator away (a lost phone, no recovery codes left): the account's
/// sessions and refresh tokens end, and its next sign-in sets up a new authenticator.
/// </summary>
internal static class AuthenticatorReset
{
    public static void AddAuthenticatorMutations(this ObjectGraphType mutation) =>
        mutation.Mutation<ResetAuthenticatorPayloadType, ResetAuthenticatorInputType>("resetAuthenticator",
                "Removes an account's authenticator and recovery codes and ends its sessions; a staff account sets up a new one at its next sign-in. Admins only; not for the caller's own account.")
            .AuthorizeWithPolicy(Policies.Admin)
            .ResolveAsync(async c => await ResetAsync(
                c.Service<UserManager<Account>>(), c.Service<IOpenIddictTokenManager>(), c.Service<Caller>(), c.GetArgument<ResetAuthenticatorInput>("input"), c.CancellationToken));

    private static async Task<Payload<ResetAuthenticatorResult>> ResetAsync(
        UserManager<Account> users, IOpenIddictTokenManager tokens, Caller caller, ResetAuthenticatorInput input, CancellationToken cancellation)
    {
        var account = string.IsNullOrWhiteSpace(input.Email) || input.Email.Length > 256 ? null : await users.FindByEmailAsync(input.Email.Trim());
        if (account is null)
        {
            return Payload<ResetAuthenticatorResult>.Failure(new UserErrors().Add(UserErrorCodes.NotFound, "No account has this e-mail address.", "input", "email"));
        }

        if (account.Id.ToString() == caller.Subject)
        {
            return Payload<ResetAuthenticatorResult>.Failure(new UserErrors().Add(UserErrorCodes.OwnAccount,
                "Another administrator resets your own authenticator; you can get new recovery codes on your security page.", "input", "email"));
        }

        var result = await SecondFactor.ResetAsync(users, account);
        if (!result.Succeeded)
        {
            // The account changed at the same moment (optimistic concurrency): nothing half-done is left to see, try again.
            return Payload<ResetAuthenticatorResult>.Failure(new UserErrors().Add(UserErrorCodes.Conflict, "The account changed meanwhile; try again.", "input", "email"));
        }

        // The stamp changed, which refresh checks; revoking also ends userinfo and introspection for the tokens issued before.
        await tokens.RevokeBySubjectAsync(account.Id.ToString(), cancellation);
        return Payload<ResetAuthenticatorResult>.Success(new ResetAuthenticatorResult(account.Email!, SecondFactor.IsStaff(await users.GetRolesAsync(account))));
    }
}

public sealed class ResetAuthenticatorInput
{
    public string? Email { get; set; }
}

public sealed record ResetAuthenticatorResult(string Email, bool SetupRequired);

internal sealed class ResetAuthenticatorInputType : InputObjectGraphType<ResetAuthenticatorInput>
{
    public ResetAuthenticatorInputType()
    {
        Name = "ResetAuthenticatorInput";
        Field<NonNullGraphType<StringGraphType>>("email").Description("The account's sign-in e-mail address.");
    }
}

internal sealed class ResetAuthenticatorPayloadType : ObjectGraphType<Payload<ResetAuthenticatorResult>>
{
    public ResetAuthenticatorPayloadType()
    {
        Name = "ResetAuthenticatorPayload";
        Description = "The account whose authenticator was removed, or why not.";
        Field<StringGraphType>("email").Resolve(c => c.Source.Result?.Email);
        Field<BooleanGraphType>("setupRequired").Description("True for a staff account: its next sign-in sets up a new authenticator.")
            .Resolve(c => c.Source.Result?.SetupRequired);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}
