namespace Membership.GraphQL;

/// <summary>
/// Stable codes in <c>extensions.code</c> of GraphQL errors (request and field errors).
/// Expected business failures are <see cref="UserError"/> values instead, with codes from <see cref="UserErrorCodes"/>.
/// </summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string InvalidJson = "INVALID_JSON";
    public const string MissingQuery = "MISSING_QUERY";
    public const string BatchingNotSupported = "BATCHING_NOT_SUPPORTED";
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string UploadTooLarge = "UPLOAD_TOO_LARGE";
    public const string InvalidMultipart = "INVALID_MULTIPART";
    public const string PreflightRequired = "PREFLIGHT_REQUIRED";
    public const string SyntaxError = "SYNTAX_ERROR";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string OperationNotFound = "OPERATION_NOT_FOUND";

    // Persisted documents: GraphQL.NET's codes for the same refusals.
    public const string DocumentNotFound = "DOCUMENT_NOT_FOUND";
    public const string DocumentIdInvalid = "DOCUMENT_ID_INVALID";
    public const string DocumentIdMissing = "DOCUMENT_ID_MISSING";
    public const string QueryWithDocumentId = "INVALID_REQUEST";
    public const string MutationNotAllowedOverGet = "MUTATION_NOT_ALLOWED_OVER_GET";
    public const string TooManyAliases = "TOO_MANY_ALIASES";
    public const string TooManyTokens = "TOO_MANY_TOKENS";
    public const string TooManyDirectives = "TOO_MANY_DIRECTIVES";
    public const string TooManyErrors = "TOO_MANY_ERRORS";
    public const string TooComplex = "QUERY_TOO_COMPLEX";
    public const string TooDeep = "QUERY_TOO_DEEP";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string IntrospectionTooDeep = "INTROSPECTION_TOO_DEEP";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string InvalidId = "INVALID_ID";
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string InvalidPageSize = "INVALID_PAGE_SIZE";
    public const string InvalidArgument = "INVALID_ARGUMENT";

    /// <summary>A search whose longest word is shorter than <see cref="SearchTerms.MinimumLength"/>: it could not be answered from an index.</summary>
    public const string SearchTooShort = "SEARCH_TOO_SHORT";
    public const string Timeout = "TIMEOUT";
    public const string RateLimited = "RATE_LIMITED";
    public const string PaymentsUnavailable = "PAYMENTS_UNAVAILABLE";
    public const string InternalError = "INTERNAL_SERVER_ERROR";

    /// <summary>The database cannot be reached: HTTP 503 with Retry-After; the same request can simply be sent again.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
}

/// <summary>Codes of <see cref="UserError"/>: what a front end shows next to a form field.</summary>
public static class UserErrorCodes
{
    public const string Required = "REQUIRED";
    public const string TooLong = "TOO_LONG";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string InvalidName = "INVALID_NAME";
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string EmailTaken = "EMAIL_TAKEN";
    /// <summary>Staff changed a member's address to one another sign-in account uses (updateMember).</summary>
    public const string AccountEmailTaken = "ACCOUNT_EMAIL_TAKEN";
    public const string InvalidPhone = "INVALID_PHONE";
    public const string InvalidState = "INVALID_STATE";
    public const string InvalidPostalCode = "INVALID_POSTAL_CODE";
    public const string InvalidOri = "INVALID_ORI";
    public const string OriTaken = "ORI_TAKEN";
    public const string DateInFuture = "DATE_IN_FUTURE";
    public const string DateOutOfRange = "DATE_OUT_OF_RANGE";
    public const string OutOfRange = "OUT_OF_RANGE";
    public const string NotFound = "NOT_FOUND";
    public const string InvalidId = "INVALID_ID";
    public const string PlanCategoryMismatch = "PLAN_CATEGORY_MISMATCH";
    public const string PlanInactive = "PLAN_INACTIVE";
    public const string RequiresSwornOfficer = "CATEGORY_REQUIRES_SWORN_OFFICER";
    public const string AlreadySuspended = "ALREADY_SUSPENDED";
    public const string NotSuspended = "NOT_SUSPENDED";
    public const string AlreadyCancelled = "ALREADY_CANCELLED";
    public const string CodeTaken = "CODE_TAKEN";
    public const string InvalidCurrency = "INVALID_CURRENCY";
    public const string InvalidTerm = "INVALID_TERM";
    public const string NoChanges = "NO_CHANGES";
    public const string MoneyInFlight = "MONEY_IN_FLIGHT";
    public const string TooSoon = "TOO_SOON";
    public const string WeakPassword = "WEAK_PASSWORD";
    public const string InstructorNotQualified = "INSTRUCTOR_NOT_QUALIFIED";
    public const string AlreadyRecorded = "ALREADY_RECORDED";
    public const string AlreadyReviewed = "ALREADY_REVIEWED";
    public const string AlreadyRevoked = "ALREADY_REVOKED";
    public const string NotEligible = "NOT_ELIGIBLE";
    public const string AlreadyApplied = "ALREADY_APPLIED";
    public const string AlreadyHeld = "ALREADY_HELD";
    public const string PaymentProviderError = "PAYMENT_PROVIDER_ERROR";
    public const string FreePlan = "FREE_PLAN";
    public const string AutoRenewUnavailable = "AUTO_RENEW_UNAVAILABLE";
    public const string NotInAgency = "NOT_IN_AGENCY";
    public const string MembershipClosed = "MEMBERSHIP_CLOSED";
    public const string NotRefundable = "NOT_REFUNDABLE";
    public const string NoSubscription = "NO_SUBSCRIPTION";
    public const string AlreadyAutoRenewing = "ALREADY_AUTO_RENEWING";
    public const string Duplicate = "DUPLICATE";
    public const string NotOnSale = "NOT_ON_SALE";
    public const string SoldOut = "SOLD_OUT";
    public const string MembersOnly = "MEMBERS_ONLY";
    public const string NotInGoodStanding = "NOT_IN_GOOD_STANDING";
    public const string InvalidVoucher = "INVALID_VOUCHER";
    public const string VoucherNotApplicable = "VOUCHER_NOT_APPLICABLE";
    public const string VoucherExhausted = "VOUCHER_EXHAUSTED";
    public const string InvalidOffer = "INVALID_OFFER";
    public const string TransferClosed = "TRANSFER_CLOSED";
    public const string NotTransferable = "NOT_TRANSFERABLE";
    public const string NotCancellable = "NOT_CANCELLABLE";
    public const string NotSoldOut = "NOT_SOLD_OUT";
    public const string AlreadyWaiting = "ALREADY_WAITING";
    public const string HoldLimitReached = "HOLD_LIMIT_REACHED";
    public const string AlreadyHasAccount = "ALREADY_HAS_ACCOUNT";
    public const string NoEmail = "NO_EMAIL";
    public const string CannotDisableSelf = "CANNOT_DISABLE_SELF";
    public const string AlreadyDisabled = "ALREADY_DISABLED";
    public const string NotDisabled = "NOT_DISABLED";
    public const string NoAccount = "NO_ACCOUNT";
    public const string NotPaid = "NOT_PAID";
    public const string UnknownPlaceholder = "UNKNOWN_PLACEHOLDER";
    public const string OffsetTaken = "OFFSET_TAKEN";

    /// <summary>Another member the caller named cannot be included; one code for every reason, so it reveals none.</summary>
    public const string CannotIncludeMember = "CANNOT_INCLUDE_MEMBER";
    public const string ClientIdTaken = "CLIENT_ID_TAKEN";
    public const string InvalidRedirectUri = "INVALID_REDIRECT_URI";
    public const string InvalidScope = "INVALID_SCOPE";
    public const string NotConfidential = "NOT_CONFIDENTIAL";
    public const string KindCannotChange = "KIND_CANNOT_CHANGE";
    public const string ClientDisabled = "CLIENT_DISABLED";
    public const string OwnAccount = "OWN_ACCOUNT";

    /// <summary>The record changed while the mutation ran; trying again works.</summary>
    public const string Conflict = "CONFLICT";
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";
    public const string EndpointDisabled = "ENDPOINT_DISABLED";
    public const string DeliveryInFlight = "DELIVERY_IN_FLIGHT";
}
