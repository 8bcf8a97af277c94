; The Windows installer for the bundle in dist\evidence-timeline (see .github/workflows/bundle.yml):
;   iscc /DAppVersion=0.1.0 bundling\windows\evidence-timeline.iss
; For one user without administrator rights by default; /ALLUSERS installs for every user
; (Intune, SCCM or a GPO run it with /VERYSILENT /ALLUSERS). Opens .case files on a double-click.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F2B7C1E-3D8A-4E59-9B0C-5A1D7E4F8C26}
AppName=Evidence Timeline
AppVersion={#AppVersion}
AppPublisher=Evidence Timeline developers
DefaultDirName={autopf}\Evidence Timeline
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\evidence-timeline.exe
OutputDir=..\..\dist
OutputBaseFilename=EvidenceTimeline-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "..\..\dist\evidence-timeline\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Evidence Timeline"; Filename: "{app}\evidence-timeline.exe"

[Registry]
Root: HKA; Subkey: "Software\Classes\.case"; ValueType: string; ValueName: ""; ValueData: "EvidenceTimeline.Case"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.case\OpenWithProgids"; ValueType: string; ValueName: "EvidenceTimeline.Case"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\EvidenceTimeline.Case"; ValueType: string; ValueName: ""; ValueData: "Evidence Timeline case"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\EvidenceTimeline.Case\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\evidence-timeline.exe,0"
Root: HKA; Subkey: "Software\Classes\EvidenceTimeline.Case\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\evidence-timeline.exe"" open --desktop ""%1"""

[Run]
Filename: "{app}\evidence-timeline.exe"; Description: "Start Evidence Timeline"; Flags: nowait postinstall skipifsilent
