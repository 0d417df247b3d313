using System.ComponentModel.DataAnnotations;

namespace Husly.Common;

/// <summary>The four follow-up categories from the Danish research the national guide builds on.</summary>
public enum FollowUpCategory
{
    [Display(Name = "Bo med støtte (Housing First)")] SupportedHousing,
    [Display(Name = "Oppsøkende team (ACT/FACT)")] OutreachTeam,
    [Display(Name = "Koordinering og individuell plan (case management)")] CaseManagement,
    [Display(Name = "Critical Time Intervention (CTI)")] CriticalTimeIntervention,
}

/// <summary>The eight ways a municipality organises housing follow-up (seed 004).</summary>
public enum OrganisationForm
{
    [Display(Name = "I ordinære stillinger")] OrdinaryPositions,
    [Display(Name = "Øremerkede stillinger")] EarmarkedPositions,
    [Display(Name = "Team (Housing First, FACT)")] Team,
    [Display(Name = "Tilrettelagt eller bemannet bolig")] StaffedHousing,
    [Display(Name = "Lavterskeltilbud og møteplass")] LowThreshold,
    [Display(Name = "Bomiljøtiltak")] HousingEnvironment,
    [Display(Name = "Miljøvaktmester")] EnvironmentalCaretaker,
    [Display(Name = "Boskole")] HousingSchool,
}
