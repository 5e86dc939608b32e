using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;
using Membership.GraphQL.Paging;
using Membership.Identity;
using Membership.Members;
using Membership.Regions;

namespace Membership.Agencies;

internal sealed class AgencyType : ObjectGraphType<Agency>
{
    public const string TypeName = "Agency";

    public AgencyType()
    {
        Name = TypeName;
        Description = "A police department, sheriff's office, school district or state agency. Public.";
        Interface<NodeInterfaceType>();
        IsTypeOf = o => o is Agency;
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(TypeName, c.Source.Id));
        Field(a => a.Name);
        Field<NonNullGraphType<AgencyKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(a => a.City);
        Field<NonNullGraphType<StateType>>("state").Resolve(c => c.Service<RegionLoaders>().State.Load(c.Source.StateCode));
        Field(a => a.OriCode, nullable: true).Description("The 9-character ORI of a law-enforcement agency.");
        Field<ListGraphType<NonNullGraphType<MemberType>>>("members")
            .Description($"Members who work here, by name; at most {AgencyLoaders.MaxMembers}. Only members you may see; null with FORBIDDEN without the directory. Use members(filter: {{ agencyId }}) to page through all.")
            .Argument<IntGraphType>("first", $"How many, at most {AgencyLoaders.MaxMembers}; default {AgencyLoaders.DefaultMembers}.")
            .AuthorizeWithPolicy(Policies.DirectoryReader)
            .Resolve(c => c.Service<AgencyLoaders>().Members(c.Source.Id, c.GetArgument<int?>("first")));
        Field<IntGraphType>("memberCount")
            .Description("How many members you may see work here; null with FORBIDDEN without the directory.")
            .AuthorizeWithPolicy(Policies.DirectoryReader)
            .Resolve(c => c.Service<AgencyLoaders>().MemberCount.Load(c.Source.Id));
        Field(a => a.CreatedAt);
        Field(a => a.UpdatedAt);
    }
}

internal sealed class AgencyKindType : EnumerationGraphType<AgencyKind>
{
    public AgencyKindType()
    {
        Name = "AgencyKind";
    }
}

internal sealed class AgencyEdgeType() : EdgeType<Agency, AgencyType>(AgencyType.TypeName);

internal sealed class AgencyConnectionType() : ConnectionType<Agency, AgencyType, AgencyEdgeType>(AgencyType.TypeName);
