using Husly.Common;

namespace Husly.Features.Casework.Residents;

public static class IdentityNumberMessages
{
    /// <summary>The Bokmål message (also the localization key) for a refused identity number.</summary>
    public static string For(IdentityNumberError error) => error switch
    {
        IdentityNumberError.NotElevenDigits => "Fødselsnummeret må ha 11 siffer.",
        IdentityNumberError.InvalidDate => "Fødselsnummeret har ikke en gyldig fødselsdato.",
        IdentityNumberError.InvalidCheckDigits => "Fødselsnummeret er ikke gyldig: kontrollsifrene stemmer ikke.",
        IdentityNumberError.SyntheticNotAllowed => "Syntetiske fødselsnumre (testnumre) kan ikke brukes her.",
        IdentityNumberError.DNumberNotAllowed => "D-nummer kan ikke brukes her.",
        _ => "",
    };
}
