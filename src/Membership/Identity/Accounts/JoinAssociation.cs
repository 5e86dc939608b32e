using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
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
/// Self-service joining: an account and a PENDING member application in one transaction, with its confirmation mail in the
/// outbox. Anonymous, and limited per client address across all instances. The answer is the same whether or not the
/// address is already in use (then its owner is mailed instead), so the form cannot be used to find out who is a member.
/// </summary>
internal static class JoinAssociation
{
    public static void AddJoinMutation(this ObjectGraphType mutation)
    {
        mutation.Mutation<JoinAssociationPayloadType, JoinAssociationInputType>("joinAssociation",
                "Applies for membership: creates a sign-in account and a PENDING member, and mails a confirmation link. Anonymous; rate-limited per address. "
                + "An address already in use gets the same answer, and its owner a mail saying so.")
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

        // A new member costs more rows than a note to the owner of an address in use: the answer waits out the difference.
        var floor = services.GetRequiredService<AnswerTimeFloor>();
        var started = floor.Start();
        var payload = await ApplyAsync(services, http, input, context.CancellationToken);
        await floor.PadAsync(started, context.CancellationToken);
        return payload;
    }

    private static async Task<Payload<JoinResult>> ApplyAsync(IServiceProvider services, HttpContext http, JoinAssociationInput input, CancellationToken ct)
    {

        var users = services.GetRequiredService<UserManager<Account>>();
        var calendar = services.GetRequiredService<AssociationCalendar>();
        var errors = new UserErrors();
        var account = new Account { UserName = input.Email?.Trim(), Email = input.Email?.Trim(), DisplayName = $"{input.FirstName?.Trim()} {input.LastName?.Trim()}".Trim() };
        await CheckPasswordAsync(users, account, input.Password ?? string.Empty, errors);
        if (!errors.Any)
        {
            // Hashed before the transaction: PBKDF2 must not run while the member-number row (on SQLite, the database) is locked.
            // Every valid application pays it, whether or not the address is in use, so the time tells nothing either.
            account.PasswordHash = users.PasswordHasher.HashPassword(account, input.Password!);
        }

        // UserManager writes through the request's context: the member, the account and the mail share its transaction.
        var db = services.GetRequiredService<MembershipDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var application = await MemberRegistration.CheckAsync(db, errors, input.AsRegistration(), calendar, emailMustBeFree: false, ct);
            await CheckSignInNameAsync(users, account, errors);
            if (errors.Any || application is null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return Payload<JoinResult>.Failure(errors);
            }

            var received = Payload<JoinResult>.Success(new JoinResult(application.Member.Email, MembershipStatus.Pending));
            if (await AddressInUseAsync(db, users, application.Member, ct))
            {
                await SpendMemberNumberAsync(db, ct);
                await QueueAccountExistsAsync(db, http, calendar, application.Member.Email, ct);
                await transaction.CommitAsync(ct);
                return received;
            }

            var member = await MemberRegistration.AddAsync(db, application, activate: false, calendar, ct);
            member.AgencyConfirmedAt = null; // the applicant's own claim, until staff confirm it
            await db.SaveChangesAsync(ct);
            account.MemberId = member.Id;
            account.CreatedAt = calendar.Now();
            var created = await users.CreateAsync(account); // the password is checked and hashed above
            var role = created.Succeeded ? await users.AddToRoleAsync(account, Roles.Member) : created;
            if (!role.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return role.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                    ? await InUseAfterRaceAsync()
                    : throw new InvalidOperationException("The checked account was refused: " + string.Join(" ", role.Errors.Select(e => e.Code)));
            }

            await QueueConfirmationAsync(db, http, users, calendar, account, member, ct);
            await transaction.CommitAsync(ct);
            return received;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another application with this address won the race between our check and our insert: it is in use now.
            await transaction.RollbackAsync(CancellationToken.None);
            return await InUseAfterRaceAsync();
        }

        async Task<Payload<JoinResult>> InUseAfterRaceAsync()
        {
            db.ChangeTracker.Clear();
            await using var spent = await db.Database.BeginTransactionAsync(ct);
            await SpendMemberNumberAsync(db, ct); // the rolled-back insert gave its number back: spend one, as every other path does
            await QueueAccountExistsAsync(db, http, calendar, account.Email!, ct);
            await spent.CommitAsync(ct);
            return Payload<JoinResult>.Success(new JoinResult(account.Email!, MembershipStatus.Pending));
        }
    }

    /// <summary>
    /// An application with an address in use takes a member number it never gives out, as a new member takes one: were the
    /// sequence to skip it, an applicant who joins before and after someone else's address would see in their own numbers
    /// whether that address is a member. Member numbers therefore have gaps.
    /// </summary>
    private static Task<long> SpendMemberNumberAsync(MembershipDbContext db, CancellationToken ct) => db.NextAsync(MemberNumbers.SequenceName, ct);

    private static async Task CheckPasswordAsync(UserManager<Account> users, Account account, string password, UserErrors errors)
    {
        foreach (var validator in users.PasswordValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, account, password)).Errors)
            {
                errors.Add(UserErrorCodes.WeakPassword, error.Description, "input", "password");
            }
        }
    }

    /// <summary>
    /// The sign-in name rules, checked for every address before anything is looked up, so an address that is in use and
    /// one that is not fail alike; the rule that the address is taken is left out (that must not show).
    /// </summary>
    private static async Task CheckSignInNameAsync(UserManager<Account> users, Account account, UserErrors errors)
    {
        if (errors.Items.Any(e => e.Field is ["input", "email"]))
        {
            return; // already refused as an address
        }

        foreach (var validator in users.UserValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, account)).Errors.Where(e => e.Code is not ("DuplicateEmail" or "DuplicateUserName")))
            {
                errors.Add(UserErrorCodes.InvalidEmail, error.Description, "input", "email");
            }
        }
    }

    private static async Task<bool> AddressInUseAsync(MembershipDbContext db, UserManager<Account> users, Member member, CancellationToken ct) =>
        await db.Members.AnyAsync(m => m.EmailNormalized == member.EmailNormalized, ct) || await users.FindByEmailAsync(member.Email) is not null;

    private static async Task QueueConfirmationAsync(MembershipDbContext db, HttpContext http, UserManager<Account> users, AssociationCalendar calendar,
        Account account, Member member, CancellationToken ct)
    {
        var code = AccountPages.Encode(await users.GenerateEmailConfirmationTokenAsync(account));
        var link = http.RequestServices.GetRequiredService<PublicLinks>().To(AccountPages.ConfirmEmailPath, ("userId", account.Id.ToString()), ("code", code));
        await db.QueueMailNowAsync(new MailMessage(MailKinds.JoinConfirmation, account.Email!, "Confirm your membership application",
            $"Welcome, {member.FirstName}.\n\nConfirm your e-mail address to sign in:\n\n{link}\n\nYour member number is {member.MemberNumber}. "
            + "Your membership starts when your dues are paid.") { HoldsCredential = true }, calendar, ct);
    }

    /// <summary>
    /// Tells the owner of an address in use that someone applied with it, at most once a day (the dedupe key), and with
    /// nothing the applicant typed: the mail cannot carry someone else's text to a member.
    /// </summary>
    private static async Task QueueAccountExistsAsync(MembershipDbContext db, HttpContext http, AssociationCalendar calendar, string email, CancellationToken ct)
    {
        var key = $"account-exists:{MemberRules.NormalizeEmail(email)}:{calendar.Today():yyyy-MM-dd}";
        if (await db.IsQueuedAsync(key, ct))
        {
            return;
        }

        var link = http.RequestServices.GetRequiredService<PublicLinks>().To(AccountPages.ForgotPasswordPath);
        try
        {
            await db.QueueMailNowAsync(new MailMessage(MailKinds.AccountExists, email, "You already have an account with us",
                "Someone, perhaps you, applied for membership with this e-mail address. The address is already in use here, so no new "
                + $"application was made.\n\nIf you have an account, sign in, or choose a new password here:\n\n{link}\n\n"
                + "If you have never signed in, the association's office can give you access. If it was not you, you can ignore this message.")
            {
                DedupeKey = key,
            }, calendar, ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // queued by a racing application a moment ago
        }
    }
}

public sealed record JoinResult(string Email, MembershipStatus Status);

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
        Description = "The application as received (no personal data beyond what was sent), or why not; the same whether or not the address was already in use.";
        Field<StringGraphType>("memberNumber").DeprecationReason("Always null: the member number is in the confirmation mail, as the answer must not tell whether the address was already in use.")
            .Resolve(_ => null);
        Field<StringGraphType>("email").Description("Where the confirmation link (or, for an address in use, a note to its owner) went.").Resolve(c => c.Source.Result?.Email);
        Field<MembershipStatusType>("status").Resolve(c => c.Source.Result?.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}
