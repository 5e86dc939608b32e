namespace Baseline;

/// <summary>
/// The API's statements as EF Core sends them (the counting pass logs them: sql/&lt;workload&gt;.api-10.log of a run), with
/// EF's parameter names for Dapper. The driver compares both sides' logged statement shapes on every run and warns when
/// they differ (sql/&lt;workload&gt;.drift.txt): recapture from the log whenever the API's queries change.
/// </summary>
internal static class Sql
{
    private const string MemberColumns = """
        SELECT m."Id", m."AgencyConfirmedAt", m."AgencyId", m."Category", m."CreatedAt", m."CurrentTermId", m."DateOfBirth", m."DirectoryOptIn", m."Email", m."EmailNormalized", m."ErasedAt", m."FirstName", m."FirstNameKey", m."IsSwornOfficer", m."JobTitle", m."LastName", m."LastNameKey", m."Number", m."Phone", m."RenewalRemindersOff", m."SroSince", m."StateCode", m."SuspendedAt", m."SuspensionReason", m."UpdatedAt", m."MailingAddress_City", m."MailingAddress_Line1", m."MailingAddress_Line2", m."MailingAddress_PostalCode", m."MailingAddress_StateCode"
        FROM "Members" AS m
        """;

    public const string Plans = """
        SELECT m."Id", m."Category", m."Code", m."CreatedAt", m."Currency", m."GraceDays", m."IsActive", m."Name", m."PeriodStartMonth", m."PriceAmount", m."TermKind", m."TermMonths", m."UpdatedAt"
        FROM "MembershipPlans" AS m
        WHERE m."IsActive"
        """;

    public const string PlansById = """
        SELECT m."Id", m."Category", m."Code", m."CreatedAt", m."Currency", m."GraceDays", m."IsActive", m."Name", m."PeriodStartMonth", m."PriceAmount", m."TermKind", m."TermMonths", m."UpdatedAt"
        FROM "MembershipPlans" AS m
        WHERE m."Id" = ANY (@p1)
        """;

    public const string MembersById = MemberColumns + """

        WHERE m."Id" = ANY (@p1)
        """;

    public const string MembersAfter = MemberColumns + """

        WHERE (m."LastNameKey", m."FirstNameKey", m."Number") > (@p, @p1, @p2)
        ORDER BY m."LastNameKey", m."FirstNameKey", m."Number"
        LIMIT @p4
        """;

    public const string MembersFirst = MemberColumns + """

        ORDER BY m."LastNameKey", m."FirstNameKey", m."Number"
        LIMIT @p4
        """;

    /// <summary>
    /// A name search's page: each prefix range cut at the page's end (EF writes that size as a literal), the page's keys
    /// from the union, then the members by number. <paramref name="limit"/> is the page size + 1.
    /// </summary>
    public static string MembersSearch(int limit) => MemberColumns + $"""

        WHERE m."Number" IN (
            SELECT u."Number"
            FROM (
                SELECT m2."FirstNameKey", m2."LastNameKey", m2."Number"
                FROM (
                    SELECT m0."FirstNameKey", m0."LastNameKey", m0."Number"
                    FROM "Members" AS m0
                    WHERE m0."LastNameKey" LIKE @lead_startswith
                    ORDER BY m0."LastNameKey", m0."FirstNameKey", m0."Number"
                    LIMIT {limit}
                ) AS m2
                UNION ALL
                SELECT m3."FirstNameKey", m3."LastNameKey", m3."Number"
                FROM (
                    SELECT m1."FirstNameKey", m1."LastNameKey", m1."Number"
                    FROM "Members" AS m1
                    WHERE m1."FirstNameKey" LIKE @lead_startswith AND m1."LastNameKey" NOT LIKE @lead_startswith
                    ORDER BY m1."LastNameKey", m1."FirstNameKey", m1."Number"
                    LIMIT {limit}
                ) AS m3
            ) AS u
            ORDER BY u."LastNameKey", u."FirstNameKey", u."Number"
            LIMIT {limit}
        )
        ORDER BY m."LastNameKey", m."FirstNameKey", m."Number"
        LIMIT @p
        """;

    /// <summary>totalCount of a name search, counted up to GraphQL:SearchCountCap + 1 (@p).</summary>
    public const string MembersSearchCount = """
        SELECT count(*)::int
        FROM (
            SELECT 1
            FROM (
                SELECT 1
                FROM "Members" AS m
                WHERE m."LastNameKey" LIKE @lead_startswith
                UNION ALL
                SELECT 1
                FROM "Members" AS m0
                WHERE m0."FirstNameKey" LIKE @lead_startswith AND m0."LastNameKey" NOT LIKE @lead_startswith
            ) AS u
            LIMIT @p
        ) AS u0
        """;

    public const string TermsById = """
        SELECT m."Id", m."ActivatedAt", m."CancellationReason", m."CancelledAt", m."CreatedAt", m."EndsOn", m."GraceEndsOn", m."MemberId", m."PaymentLineId", m."PlanId", m."RefundedAt", m."StartsOn"
        FROM "MembershipTerms" AS m
        WHERE m."Id" = ANY (@p1)
        """;

    /// <summary>node: the member with its current term and its state and region, in one statement.</summary>
    public const string MemberWithTermAndStateById = """
        SELECT m."Id", m."AgencyConfirmedAt", m."AgencyId", m."Category", m."CreatedAt", m."CurrentTermId", m."DateOfBirth", m."DirectoryOptIn", m."Email", m."EmailNormalized", m."ErasedAt", m."FirstName", m."FirstNameKey", m."IsSwornOfficer", m."JobTitle", m."LastName", m."LastNameKey", m."Number", m."Phone", m."RenewalRemindersOff", m."SroSince", m."StateCode", m."SuspendedAt", m."SuspensionReason", m."UpdatedAt", m."MailingAddress_City", m."MailingAddress_Line1", m."MailingAddress_Line2", m."MailingAddress_PostalCode", m."MailingAddress_StateCode", m0."Id", m0."ActivatedAt", m0."CancellationReason", m0."CancelledAt", m0."CreatedAt", m0."EndsOn", m0."GraceEndsOn", m0."MemberId", m0."PaymentLineId", m0."PlanId", m0."RefundedAt", m0."StartsOn", s."Code", s."Name", s."RegionNumber", r."Number", r."Name"
        FROM "Members" AS m
        LEFT JOIN "MembershipTerms" AS m0 ON m."CurrentTermId" = m0."Id"
        LEFT JOIN "States" AS s ON m."StateCode" = s."Code"
        LEFT JOIN "Regions" AS r ON s."RegionNumber" = r."Number"
        WHERE m."Id" = @p1
        """;

    public const string AgenciesById = """
        SELECT a."Id", a."City", a."CreatedAt", a."Kind", a."Name", a."NameKey", a."OriCode", a."StateCode", a."UpdatedAt"
        FROM "Agencies" AS a
        WHERE a."Id" = ANY (@p1)
        """;

    public const string StatesByCode = """
        SELECT s."Code", s."Name", s."RegionNumber", r."Number", r."Name"
        FROM "States" AS s
        INNER JOIN "Regions" AS r ON s."RegionNumber" = r."Number"
        WHERE s."Code" = ANY (@p1)
        """;

    /// <summary>
    /// The one statement that counts uses (RateLimitSql.Standard): insert the window's row or add to it, return the new
    /// count. EF sends it as the API wrote it, {0}–{2} as parameters.
    /// </summary>
    public const string CounterUpsert = """
        INSERT INTO "RateLimitCounters" ("Key", "WindowStart", "Count") VALUES (@p0, @p1, @p2)
        ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + excluded."Count"
        RETURNING "Count" AS "Value"
        """;

    public const string CounterPrune = """
        DELETE FROM "RateLimitCounters" AS r
        WHERE r."WindowStart" < @p1
        """;

    public const string CounterRead = """
        SELECT r."Count"
        FROM "RateLimitCounters" AS r
        WHERE r."Key" = @p1 AND r."WindowStart" = @p2
        LIMIT 2
        """;

    /// <summary>
    /// verifyCertificate's one query: the certificate, its successor (c0), its course (c1) and the number's failures this
    /// hour (@p1 key, @p2 window start); read by position (Verification.cs, Certificates.Read).
    /// </summary>
    public const string CertificateToVerify = """
        SELECT c."Id", c."CourseId", c."CreatedAt", c."DurationMinutes", c."ExpiresOn", c."HolderLastNameKey", c."HolderName", c."IssuedOn", c."Kind", c."MemberId", c."Number", c."ReplacedById", c."RevocationReason", c."RevokedAt", c."SuspendedAt", c."SuspensionReason", c."Title", c."VerificationCode", c0."Id", c0."CourseId", c0."CreatedAt", c0."DurationMinutes", c0."ExpiresOn", c0."HolderLastNameKey", c0."HolderName", c0."IssuedOn", c0."Kind", c0."MemberId", c0."Number", c0."ReplacedById", c0."RevocationReason", c0."RevokedAt", c0."SuspendedAt", c0."SuspensionReason", c0."Title", c0."VerificationCode", c1."Id", c1."Category", c1."CertificateValidityMonths", c1."Code", c1."CreatedAt", c1."DurationMinutes", c1."IsActive", c1."IsAssociationCourse", c1."Name", c1."Provider", c1."UpdatedAt", COALESCE((
            SELECT r."Count"
            FROM "RateLimitCounters" AS r
            WHERE r."Key" = @p1 AND r."WindowStart" = @p2
            LIMIT 1), 0)
        FROM "Certificates" AS c
        LEFT JOIN "Certificates" AS c0 ON c."ReplacedById" = c0."Id"
        LEFT JOIN "Courses" AS c1 ON c."CourseId" = c1."Id"
        WHERE c."Number" = @p3
        LIMIT 1
        """;

    public const string LogInsert = """
        INSERT INTO "VerificationLog" ("Id", "Address", "AgencyId", "At", "CertificateId", "Channel", "ClientId", "Found", "MemberId", "Query", "Status")
        VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
        """;

    public const string CoursesById = """
        SELECT c."Id", c."Category", c."CertificateValidityMonths", c."Code", c."CreatedAt", c."DurationMinutes", c."IsActive", c."IsAssociationCourse", c."Name", c."Provider", c."UpdatedAt"
        FROM "Courses" AS c
        WHERE c."Id" = ANY (@p1)
        """;

    private const string CertificateColumns = """
        SELECT c."Id", c."CourseId", c."CreatedAt", c."DurationMinutes", c."ExpiresOn", c."HolderLastNameKey", c."HolderName", c."IssuedOn", c."Kind", c."MemberId", c."Number", c."ReplacedById", c."RevocationReason", c."RevokedAt", c."SuspendedAt", c."SuspensionReason", c."Title", c."VerificationCode"
        FROM "Certificates" AS c
        """;

    public const string CertificatesOfMembers = CertificateColumns + """

        WHERE c."MemberId" = ANY (@p1)
        ORDER BY c."IssuedOn" DESC, c."CreatedAt" DESC
        """;

    /// <summary>consentingOfficers: the page's officers' current certificates, newest first.</summary>
    public const string CurrentCertificatesOfMembers = CertificateColumns + """

        WHERE c."MemberId" = ANY (@p1) AND c."ReplacedById" IS NULL
        ORDER BY c."IssuedOn" DESC, c."CreatedAt" DESC
        """;

    /// <summary>verifyCertificates: the asked members' current certificates (ordered by issue date only).</summary>
    public const string CurrentCertificatesOfAskedMembers = CertificateColumns + """

        WHERE c."MemberId" = ANY (@p1) AND c."ReplacedById" IS NULL
        ORDER BY c."IssuedOn" DESC
        """;

    /// <summary>One generation of reissues: the certificates that replaced those asked about.</summary>
    public const string CertificatesById = CertificateColumns + """

        WHERE c."Id" = ANY (@p1)
        """;

    public const string DuesOfMembers = """
        SELECT d."Id", d."AgencyId", d."Amount", d."AutoRenew", d."CheckoutUrl", d."CompletedAt", d."CreatedAt", d."CreatedBy", d."Currency", d."FailureReason", d."IdempotencyKey", d."Kind", d."PayerMemberId", d."PlanId", d."ReceiptNumber", d."RefundedAmount", d."Status", d."StripeCheckoutSessionId", d."StripeCustomerId", d."StripeInvoiceId", d."StripePaymentIntentId", d."StripeSubscriptionId", d2."Id", d2."Amount", d2."MemberId", d2."PaymentId", d2."PeriodEnd", d2."PeriodStart", d2."TermId"
        FROM "DuesPayments" AS d
        LEFT JOIN "DuesPaymentLines" AS d2 ON d."Id" = d2."PaymentId"
        WHERE d."Id" IN (
            SELECT d0."Id"
            FROM "DuesPayments" AS d0
            WHERE d0."PayerMemberId" IS NOT NULL AND d0."PayerMemberId" = ANY (@ids)
            UNION
            SELECT d1."PaymentId" AS "Id"
            FROM "DuesPaymentLines" AS d1
            WHERE d1."MemberId" = ANY (@ids)
        )
        ORDER BY d."CreatedAt" DESC, d."Id"
        """;

    public const string ConsentsOfAgency = """
        SELECT v."Id", v."AgencyId", v."GrantedAt", v."MemberId", v."WithdrawnAt"
        FROM "VerificationConsents" AS v
        WHERE v."AgencyId" = @p1 AND v."WithdrawnAt" IS NULL
        ORDER BY v."GrantedAt", v."Id"
        LIMIT @p2
        """;

    public const string CertificatesByNumbers = CertificateColumns + """

        WHERE c."Number" = ANY (@p1)
        """;

    private const string StandingAccess = """
        (EXISTS (
            SELECT 1
            FROM "VerificationConsents" AS v
            WHERE v."MemberId" = m."Id" AND v."AgencyId" = @p2 AND v."WithdrawnAt" IS NULL) OR (m."AgencyId" = @p3 AND m."AgencyConfirmedAt" IS NOT NULL AND (m."SuspendedAt" IS NOT NULL OR (m0."Id" IS NOT NULL AND (m0."CancelledAt" IS NOT NULL OR m0."ActivatedAt" IS NOT NULL)))))
        """;

    public const string MembersWithStandingAccess = """
        SELECT m."Id"
        FROM "Members" AS m
        LEFT JOIN "MembershipTerms" AS m0 ON m."CurrentTermId" = m0."Id"
        WHERE m."Id" = ANY (@p1) AND
        """ + " " + StandingAccess;

    public const string NumbersWithStandingAccess = """
        SELECT m."Id", m."Number"
        FROM "Members" AS m
        LEFT JOIN "MembershipTerms" AS m0 ON m."CurrentTermId" = m0."Id"
        WHERE m."Number" = ANY (@p1) AND
        """ + " " + StandingAccess;
}
