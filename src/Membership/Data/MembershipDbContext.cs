using Membership.Agencies;
using Membership.Certifications;
using Membership.Conferences;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Dues.Reminders;
using Membership.Identity.Accounts;
using Membership.Members;
using Membership.Payments;
using Membership.Regions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Membership.Conferences.Sales;

namespace Membership.Data;

/// <summary>
/// The one DbContext: the association's data, sign-in accounts (Identity), OpenIddict's clients and tokens, and the
/// data-protection keys every instance shares. Resolvers never share a context: each takes its own from
/// <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
public sealed class MembershipDbContext(DbContextOptions<MembershipDbContext> options)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<UsState> States => Set<UsState>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MembershipTerm> MembershipTerms => Set<MembershipTerm>();
    public DbSet<MembershipPlan> MembershipPlans => Set<MembershipPlan>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseOffering> CourseOfferings => Set<CourseOffering>();
    public DbSet<CourseCompletion> CourseCompletions => Set<CourseCompletion>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<InServiceTraining> InServiceTrainings => Set<InServiceTraining>();
    public DbSet<ConferenceAttendance> ConferenceAttendances => Set<ConferenceAttendance>();
    public DbSet<PractitionerRules> PractitionerRules => Set<PractitionerRules>();
    public DbSet<PractitionerApplication> PractitionerApplications => Set<PractitionerApplication>();
    public DbSet<VerificationLogEntry> VerificationLog => Set<VerificationLogEntry>();
    public DbSet<VerificationConsent> VerificationConsents => Set<VerificationConsent>();
    public DbSet<DuesPayment> DuesPayments => Set<DuesPayment>();
    public DbSet<DuesPaymentLine> DuesPaymentLines => Set<DuesPaymentLine>();
    public DbSet<PaymentCustomer> PaymentCustomers => Set<PaymentCustomer>();
    public DbSet<StripeEventRecord> StripeEvents => Set<StripeEventRecord>();
    public DbSet<DuesSubscription> DuesSubscriptions => Set<DuesSubscription>();
    public DbSet<DuesRefund> DuesRefunds => Set<DuesRefund>();
    public DbSet<RenewalReminderStep> RenewalReminderSteps => Set<RenewalReminderStep>();
    public DbSet<RenewalReminder> RenewalReminders => Set<RenewalReminder>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Conference> Conferences => Set<Conference>();
    public DbSet<TicketType> TicketTypes => Set<TicketType>();
    public DbSet<Voucher> Vouchers => Set<Voucher>();
    public DbSet<TicketOrder> TicketOrders => Set<TicketOrder>();
    public DbSet<TicketBuyer> TicketBuyers => Set<TicketBuyer>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketTransfer> TicketTransfers => Set<TicketTransfer>();
    public DbSet<WaitingListEntry> WaitingList => Set<WaitingListEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMail> MailOutbox => Set<OutboxMail>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Audit.AuditObject> AuditObjects => Set<Audit.AuditObject>();
    public DbSet<Members.Privacy.MemberDataExport> MemberDataExports => Set<Members.Privacy.MemberDataExport>();
    public DbSet<Identity.Accounts.AccountInvitation> AccountInvitations => Set<Identity.Accounts.AccountInvitation>();
    public DbSet<Payments.Sandbox.SandboxObject> SandboxObjects => Set<Payments.Sandbox.SandboxObject>();
    public DbSet<Partners.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Partners.Webhooks.WebhookEndpoint>();
    public DbSet<Partners.Webhooks.WebhookEvent> WebhookEvents => Set<Partners.Webhooks.WebhookEvent>();
    public DbSet<Partners.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Partners.Webhooks.WebhookDelivery>();
    public DbSet<Partners.Webhooks.WebhookAttempt> WebhookAttempts => Set<Partners.Webhooks.WebhookAttempt>();
    public DbSet<Partners.Webhooks.WebhookStandingMark> WebhookStandingMarks => Set<Partners.Webhooks.WebhookStandingMark>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder); // Identity's tables
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(MembershipDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // Search structures only PostgreSQL has (collations, operator classes, extensions); the other providers index the same columns plainly.
            builder.HasPostgresExtension("pg_trgm");
            MemberConfiguration.ConfigurePostgreSql(builder.Entity<Member>());
            AgencyConfiguration.ConfigurePostgreSql(builder.Entity<Agency>());
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset text; all our times are UTC, so ticks keep the order.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
