using GraphQL.Types;
using Membership.Agencies;
using Membership.Certifications;
using Membership.Conferences;
using Membership.Dues;
using Membership.Dues.Payments;
using Membership.Identity.Accounts;
using Membership.Identity.Clients;
using Membership.Members;
using Membership.Payments;
using Membership.Regions;

namespace Membership.GraphQL;

/// <summary>The schema root. Each feature adds its root fields through one extension method; the schema stays flat.</summary>
internal sealed class MembershipSchema : Schema
{
    public MembershipSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "Membership API of the national association of school resource officers.";
    }
}

internal sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        this.AddNodeQueries();
        this.AddMemberQueries();
        this.AddAgencyQueries();
        this.AddPlanQueries();
        this.AddRegionQueries();
        this.AddClientQueries();
        this.AddCourseQueries();
        this.AddCertificateQueries();
        this.AddTrainingQueries();
        this.AddPractitionerQueries();
        this.AddVerificationQueries();
        this.AddConsentQueries();
        this.AddDuesQueries();
        this.AddConferenceQueries();
        this.AddTicketQueries();
    }
}

internal sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        this.AddMemberMutations();
        this.AddAgencyMutations();
        this.AddPlanMutations();
        this.AddJoinMutation();
        this.AddClientMutations();
        this.AddCourseMutations();
        this.AddCompletionMutations();
        this.AddCertificateMutations();
        this.AddTrainingMutations();
        this.AddPractitionerMutations();
        this.AddConsentMutations();
        this.AddDuesMutations();
        this.AddPaymentMutations();
        this.AddConferenceMutations();
        this.AddTicketMutations();
        this.AddCheckInMutations();
    }
}
