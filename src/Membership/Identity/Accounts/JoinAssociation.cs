using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity.Mail;
using Membership.Identity.Oidc;
using Membership.Identity.Pages;
using Membership.Members;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Membership.Identity.Accounts;

/// <summary>
/// Self-service joining: an account and a PENDING member application in one transaction, then a confirmation mail.
/// Anonymous, and limited per client address across all instances.
/// </summary>
internal static class JoinAssociation
{
    public static void AddJoinMutation(this ObjectGraphType mutation)
    {
        mutation.Mutation<JoinAssociationPayloadType, JoinAssociationInputType>("joinAssociation",
                "Applies for membership: creates a sign-in account and a PENDING member, and mails a confirmation link. Anonymous; rate-limited per address.")
            .ResolveAsync(async c => await JoinAsync(c, c.GetArgument<JoinAssociationInput>("input")));
    }

    private static async Task<Payload<JoinResult>> JoinAsync(IResolveFieldContext context, JoinAssociationInput input)
    {
        var services = context.RequestServices!;
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext!;
        var options = services.GetRequiredService<IOptions<OidcOptions>>().Value;
        var rule = new RateLimitRule("join", options.JoinsPerAddressPerHour, TimeSpan.FromHours(1));
        var decision = await services.GetRequiredService<RateLimits>().TryAcquireAsync(rule, RateLimits.AddressKey(http.Connection.RemoteIpAddress), context.CancellationToken);
        decision.ThrowIfRefused("Too many applications from this address; try again later.");

        var users = services.GetRequiredService<UserManager<Account>>();
        var calendar = services.GetRequiredService<AssociationCalendar>();
        var ct = context.CancellationToken;
        var errors = new UserErrors();
        var account = new Account { UserName = input.Email?.Trim(), Email = input.Email?.Trim(), DisplayName = $"{input.FirstName?.Trim()} {input.LastName?.Trim()}".Trim() };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, account, input.Password ?? string.Empty);
            foreach (var error in check.Errors)
            {
                errors.Add(UserErrorCodes.WeakPassword, error.Description, "input", "password");
            }
        }

        // UserManager writes through the request's context: the member and the account share its transaction.
        var db = services.GetRequiredService<MembershipDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var member = await MemberRegistration.RegisterAsync(db, errors, input.AsRegistration(), calendar, ct);
            if (member is not null)
            {
                member.AgencyConfirmedAt = null; // the applicant's own claim, until staff confirm it
            }

            if (member is not null && await users.FindByEmailAsync(member.Email) is not null)
            {
                errors.Add(UserErrorCodes.EmailTaken, "An account already uses this e-mail address.", "input", "email");
            }

            if (errors.Any || member is null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return Payload<JoinResult>.Failure(errors);
            }

            await db.SaveChangesAsync(ct);
            account.MemberId = member.Id;
            account.CreatedAt = calendar.Now();
            var created = await users.CreateAsync(account, input.Password!);
            var role = created.Succeeded ? await users.AddToRoleAsync(account, Roles.Member) : created;
            if (!role.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                var taken = role.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName");
                return Payload<JoinResult>.Failure(new UserErrors().Add(taken ? UserErrorCodes.EmailTaken : UserErrorCodes.InvalidFormat,
                    string.Join(" ", role.Errors.Select(e => e.Description)), "input", taken ? "email" : "password"));
            }

            await transaction.CommitAsync(ct);
            await SendConfirmationAsync(services, http, users, account, member, ct);
            return Payload<JoinResult>.Success(new JoinResult(member.MemberNumber, account.Email!, MembershipStatus.Pending));
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another application with this address won the race between our check and our insert.
            await transaction.RollbackAsync(CancellationToken.None);
            return Payload<JoinResult>.Failure(new UserErrors().Add(UserErrorCodes.EmailTaken, "An account already uses this e-mail address.", "input", "email"));
        }
    }

    private static async Task SendConfirmationAsync(IServiceProvider services, HttpContext http, UserManager<Account> users, Account account, Member member, CancellationToken ct)
    {
        var code = AccountPages.Encode(await users.GenerateEmailConfirmationTokenAsync(account));
        var link = services.GetRequiredService<PublicLinks>().To(AccountPages.ConfirmEmailPath, ("userId", account.Id.ToString()), ("code", code));
        await services.GetRequiredService<IMailSender>().SendAsync(new MailMessage(account.Email!, "Confirm your membership application",
            $"Welcome, {member.FirstName}.\n\nConfirm your e-mail address to sign in:\n\n{link}\n\nYour member number is {member.MemberNumber}. "
            + "Your membership starts when your dues are paid."), ct);
    }
}

public sealed record JoinResult(string MemberNumber, string Email, MembershipStatus Status);

public sealed class JoinAssociationInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? Phone { get; set; }
    public MailingAddressInput? MailingAddress { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? AgencyId { get; set; }
    public string? JobTitle { get; set; }
    public MemberCategory Category { get; set; }
    public bool SwornOfficer { get; set; }
    public DateOnly? SroSince { get; set; }
    public string? State { get; set; }
    public bool DirectoryOptIn { get; set; }
    public string? PlanId { get; set; }

    internal RegisterMemberInput AsRegistration() => new()
    {
        FirstName = FirstName, LastName = LastName, Email = Email, Phone = Phone, MailingAddress = MailingAddress, DateOfBirth = DateOfBirth,
        AgencyId = AgencyId, JobTitle = JobTitle, Category = Category, SwornOfficer = SwornOfficer, SroSince = SroSince, State = State,
        DirectoryOptIn = DirectoryOptIn, PlanId = PlanId, StartsOn = null, Activate = false,
    };
}

internal sealed class JoinAssociationInputType : InputObjectGraphType<JoinAssociationInput>
{
    public JoinAssociationInputType()
    {
        Name = "JoinAssociationInput";
        Field<NonNullGraphType<StringGraphType>>("firstName");
        Field<NonNullGraphType<StringGraphType>>("lastName");
        Field<NonNullGraphType<StringGraphType>>("email").Description("Also the sign-in name; must be confirmed before signing in.");
        Field<NonNullGraphType<StringGraphType>>("password").Description("At least 12 characters with upper and lower case, a digit and a symbol.");
        Field<StringGraphType>("phone");
        Field<MailingAddressInputType>("mailingAddress");
        Field<DateOnlyGraphType>("dateOfBirth");
        Field<IdGraphType>("agencyId");
        Field<StringGraphType>("jobTitle");
        Field<NonNullGraphType<MemberCategoryType>>("category");
        Field<NonNullGraphType<BooleanGraphType>>("swornOfficer");
        Field<DateOnlyGraphType>("sroSince");
        Field<NonNullGraphType<StringGraphType>>("state");
        Field<NonNullGraphType<BooleanGraphType>>("directoryOptIn").DefaultValue(false);
        Field<NonNullGraphType<IdGraphType>>("planId").Description("An active plan of the chosen category (see membershipPlans).");
    }
}

internal sealed class JoinAssociationPayloadType : ObjectGraphType<Payload<JoinResult>>
{
    public JoinAssociationPayloadType()
    {
        Name = "JoinAssociationPayload";
        Description = "The application as received (no personal data beyond what was sent), or why not.";
        Field<StringGraphType>("memberNumber").Resolve(c => c.Source.Result?.MemberNumber);
        Field<StringGraphType>("email").Description("Where the confirmation link went.").Resolve(c => c.Source.Result?.Email);
        Field<MembershipStatusType>("status").Resolve(c => c.Source.Result?.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}
