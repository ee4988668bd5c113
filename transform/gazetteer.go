package transform

import (
	"slices"
	"strings"
)

// The gazetteer: cities where most tech postings are, US states, Canadian
// provinces and Australian states, and words that name a region rather
// than a country. Names are lower case, '|'-separated; spellings without
// accents are added on load. A city that shares its name with one in
// another country is listed once, under the country where tech postings
// name it most ("Cambridge" is GB; "Cambridge, MA" resolves to the US by
// its state code).
var citiesByCountry = map[string]string{
	"US": "new york|new york city|nyc|manhattan|brooklyn|san francisco|san francisco bay area|bay area|silicon valley|" +
		"palo alto|mountain view|sunnyvale|san jose|santa clara|menlo park|redwood city|cupertino|oakland|berkeley|" +
		"seattle|bellevue|redmond|austin|dallas|houston|san antonio|plano|irving|fort worth|boston|chicago|los angeles|" +
		"san diego|irvine|denver|boulder|atlanta|raleigh|durham|charlotte|portland|washington|washington dc|" +
		"washington d c|arlington|reston|mclean|herndon|miami|phoenix|philadelphia|pittsburgh|detroit|minneapolis|" +
		"salt lake city|nashville|columbus|indianapolis|st louis|saint louis|kansas city|baltimore|orlando|tampa|" +
		"las vegas|sacramento|madison|ann arbor|jersey city|newark|hoboken|princeton|provo|huntsville|cincinnati|" +
		"cleveland|milwaukee|omaha|albuquerque|tucson|honolulu|anchorage|boise|spokane",
	"CA": "toronto|vancouver|montreal|montréal|ottawa|calgary|edmonton|waterloo|kitchener|quebec city|winnipeg|" +
		"halifax|mississauga|markham|burnaby",
	"MX": "mexico city|ciudad de méxico|cdmx|guadalajara|monterrey|querétaro|puebla|tijuana|mérida|león",
	"BR": "são paulo|rio de janeiro|belo horizonte|brasília|curitiba|porto alegre|florianópolis|recife|campinas|fortaleza",
	"AR": "buenos aires|córdoba|rosario|mendoza",
	"CL": "santiago|valparaíso", "CO": "bogotá|medellín|cali|barranquilla", "PE": "lima", "UY": "montevideo",
	"EC": "quito|guayaquil", "CR": "san josé", "VE": "caracas",
	"DE": "berlin|munich|münchen|hamburg|frankfurt|frankfurt am main|cologne|köln|stuttgart|düsseldorf|leipzig|" +
		"dresden|hanover|hannover|nuremberg|nürnberg|karlsruhe|bonn|essen|dortmund|bremen|mannheim|heidelberg|" +
		"darmstadt|aachen|freiburg|potsdam|walldorf|wiesbaden|mainz|münster",
	"FR": "paris|lyon|toulouse|marseille|nice|nantes|bordeaux|lille|rennes|strasbourg|montpellier|grenoble|sophia antipolis",
	"GB": "london|manchester|edinburgh|glasgow|bristol|cambridge|oxford|birmingham|leeds|liverpool|newcastle|" +
		"newcastle upon tyne|sheffield|nottingham|belfast|cardiff|reading|brighton|milton keynes|aberdeen|leicester|" +
		"southampton|bath|york|guildford",
	"NL": "amsterdam|rotterdam|utrecht|eindhoven|the hague|den haag|delft|groningen|leiden",
	"IE": "dublin|cork|galway|limerick",
	"ES": "madrid|barcelona|valencia|seville|sevilla|málaga|bilbao|zaragoza",
	"PT": "lisbon|lisboa|porto|braga",
	"IT": "milan|milano|rome|roma|turin|torino|bologna|florence|firenze|naples|napoli",
	"PL": "warsaw|warszawa|kraków|cracow|wrocław|gdańsk|poznań|łódź|katowice",
	"SE": "stockholm|gothenburg|göteborg|malmö|uppsala|lund",
	"NO": "oslo|bergen|trondheim", "DK": "copenhagen|københavn|aarhus", "FI": "helsinki|espoo|tampere|oulu",
	"CH": "zurich|zürich|geneva|genève|genf|basel|lausanne|bern|zug|lugano",
	"AT": "vienna|wien|graz|linz", "BE": "brussels|bruxelles|brussel|antwerp|antwerpen|ghent|gent|leuven",
	"CZ": "prague|praha|brno", "SK": "bratislava", "HU": "budapest", "RO": "bucharest|bucurești|cluj-napoca|cluj|iași|timișoara",
	"BG": "sofia", "HR": "zagreb", "RS": "belgrade|beograd|novi sad", "SI": "ljubljana", "GR": "athens|thessaloniki",
	"LT": "vilnius|kaunas", "LV": "riga", "EE": "tallinn|tartu",
	"UA": "kyiv|kiev|lviv|kharkiv|odesa|odessa|dnipro", "RU": "moscow|москва|saint petersburg|st petersburg|novosibirsk",
	"TR": "istanbul|ankara|izmir",
	"IL": "tel aviv|tel aviv-yafo|haifa|jerusalem|herzliya|ra'anana|raanana|petah tikva|beer sheva",
	"AE": "dubai|abu dhabi|sharjah", "SA": "riyadh|jeddah|dammam", "QA": "doha", "KW": "kuwait city",
	"EG": "cairo|alexandria|giza", "MA": "casablanca|rabat", "NG": "lagos|abuja", "KE": "nairobi",
	"ZA": "cape town|johannesburg|pretoria|durban", "GH": "accra",
	"IN": "bengaluru|bangalore|pune|hyderabad|chennai|mumbai|bombay|delhi|new delhi|gurgaon|gurugram|noida|kolkata|" +
		"calcutta|ahmedabad|kochi|cochin|thiruvananthapuram|trivandrum|coimbatore|jaipur|chandigarh|indore|mysore|" +
		"mysuru|nagpur|bhubaneswar|visakhapatnam|vadodara",
	"PK": "karachi|lahore|islamabad", "BD": "dhaka", "LK": "colombo",
	"JP": "tokyo|osaka|kyoto|yokohama|nagoya|fukuoka|sapporo|kobe|東京|東京都|大阪|大阪府",
	"KR": "seoul|busan|pangyo|서울", "CN": "shanghai|beijing|shenzhen|guangzhou|hangzhou|chengdu|nanjing|wuhan|北京|上海|深圳",
	"TW": "taipei|hsinchu|taichung|台北", "MY": "kuala lumpur|penang|cyberjaya", "ID": "jakarta|bandung|surabaya|bali",
	"TH": "bangkok|chiang mai", "VN": "ho chi minh city|hanoi|saigon|da nang", "PH": "manila|makati|cebu|taguig|quezon city",
	"AU": "sydney|melbourne|brisbane|perth|adelaide|canberra|gold coast|hobart",
	"NZ": "auckland|wellington|christchurch",
}

// Subdivisions by name, and by code where the code is read only after a
// city ("Austin, TX"), since "CA" alone is Canada and "IN" India.
var (
	stateNames = map[string]string{
		"US": "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|district of columbia|florida|" +
			"hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|" +
			"minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|north carolina|" +
			"north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|" +
			"utah|vermont|virginia|west virginia|wisconsin|wyoming",
		"CA": "alberta|british columbia|manitoba|new brunswick|newfoundland|newfoundland and labrador|nova scotia|" +
			"ontario|prince edward island|quebec|québec|saskatchewan|yukon|northwest territories|nunavut",
		"AU": "new south wales|queensland|western australia|south australia|tasmania|northern territory|australian capital territory",
	}
	// stateCodes are listed US, Canada, Australia: a code two countries
	// use ("WA", "NT") means the first unless the city says otherwise.
	stateCodes = []struct{ country, codes string }{
		{"US", "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"},
		{"CA", "AB BC MB NB NL NS NT NU ON PE QC SK YT"},
		{"AU", "NSW VIC QLD TAS ACT WA SA NT"},
	}
)

// areaCodes are the names of areas of several countries that postings
// give as their place, each with the UN M49 or CLDR region codes and the
// countries it covers ("-IR": but Iran). "Asia" is read without Western
// Asia (145) and Iran, which postings call the Middle East; "North America" is Northern America
// (021), as job boards use it, not M49's 003 with Central America and
// the Caribbean; the Nordics are the five Nordic states.
var areaCodes = map[string]string{
	"europe": "150", "eu": euMembers, "european union": euMembers, "eea": euMembers + " IS LI NO",
	"emea": "150 002 145 IR", "apac": "030 034 035 143 009 -IR", "asia pacific": "030 034 035 143 009 -IR",
	"asia": "030 034 035 143 -IR", "latam": "419", "latin america": "419", "north america": "021",
	"south america": "005", "americas": "019", "the americas": "019", "nordics": "DK FI IS NO SE",
	"nordic countries": "DK FI IS NO SE", "scandinavia": "DK NO SE",
	"dach": "DE AT CH", "benelux": "BE NL LU", "middle east": middleEast, "mena": middleEast + " 015", "africa": "002",
	"oceania": "009", "cee": "151 EE LV LT SI HR RS BA ME MK AL",
}

// euMembers are the 27 member states of the European Union.
const euMembers = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"

// middleEast are the countries the Middle East usually names: Western
// Asia without the Caucasus and Cyprus, with Egypt and Iran.
const middleEast = "AE BH EG IL IQ IR JO KW LB OM PS QA SA SY TR YE"

// anywhereWords say a posting is open anywhere ("Remote (Worldwide)").
var anywhereWords = "worldwide|global|globally|anywhere|international"

// remoteOnlyWords are the words of a place that says only that the work
// is remote ("Remote", "100% Remote", "Fully remote - work from home"):
// such a posting is open anywhere.
var remoteOnlyWords = map[string]bool{"remote": true, "fully": true, "100": true, "first": true, "work": true,
	"from": true, "home": true, "wfh": true, "telecommute": true, "distributed": true, "only": true, "ok": true,
	"friendly": true, "based": true, "office": true, "position": true, "role": true, "job": true}

// areaCountries lists, sorted, the countries of each area of areaCodes.
var areaCountries = func() map[string][]string {
	m := make(map[string][]string, len(areaCodes))
	for area, codes := range areaCodes {
		var ccs, but []string
		for _, code := range strings.Fields(codes) {
			if cc, ok := strings.CutPrefix(code, "-"); ok {
				but = append(but, cc)
			} else if _, ok := countryByCode[code]; ok {
				ccs = append(ccs, code)
			} else {
				ccs = append(ccs, groupMembers[code]...)
			}
		}
		ccs = slices.DeleteFunc(ccs, func(cc string) bool { return slices.Contains(but, cc) })
		slices.Sort(ccs)
		m[area] = slices.Compact(ccs)
	}
	return m
}()

// placeNames maps a lower-case name of one to four words to what it names.
type placeName struct {
	country string
	kind    placeKind
}

type placeKind uint8

const (
	kindCountry placeKind = iota + 1
	kindCity
	kindState
	kindRegion   // an area of several countries (areaCodes)
	kindAnywhere // open anywhere (anywhereWords)
)

var (
	placeNames, maxNameWords = buildPlaceNames()
	subdivisions             = buildSubdivisions() // "TX" → ["US"], "WA" → ["US", "AU"]
)

// buildPlaceNames indexes every name by its place words; the first
// spelling registered keeps a name shared by two places: countries, then
// cities, then states, then regions.
func buildPlaceNames() (map[string]placeName, int) {
	names, maxWords := map[string]placeName{}, 1
	add := func(name string, pn placeName) {
		for _, n := range []string{name, foldAccents(name)} {
			ws := placeWords(n, nil)
			if len(ws) == 0 || len(ws) == 1 && len(ws[0]) < 3 {
				continue // two letters are codes, read only in upper case
			}
			key := strings.Join(ws, " ")
			if _, taken := names[key]; taken {
				continue
			}
			names[key] = pn
			maxWords = max(maxWords, len(ws))
		}
	}
	for _, name := range sortedKeys(countryByName) {
		add(name, placeName{countryByName[name], kindCountry})
	}
	for _, cc := range sortedKeys(citiesByCountry) {
		for _, name := range strings.Split(citiesByCountry[cc], "|") {
			add(name, placeName{cc, kindCity})
		}
	}
	for _, cc := range sortedKeys(stateNames) {
		for _, name := range strings.Split(stateNames[cc], "|") {
			add(name, placeName{cc, kindState})
		}
	}
	for _, name := range sortedKeys(areaCodes) {
		add(name, placeName{"", kindRegion})
	}
	for _, name := range strings.Split(anywhereWords, "|") {
		add(name, placeName{"", kindAnywhere})
	}
	return names, maxWords
}

func buildSubdivisions() map[string][]string {
	m := map[string][]string{}
	for _, sc := range stateCodes {
		for _, code := range strings.Fields(sc.codes) {
			m[code] = append(m[code], sc.country)
		}
	}
	return m
}

// regionCodes are upper-case codes of areas, not countries: their keys
// in areaCodes.
var regionCodes = map[string]string{"EU": "eu", "EEA": "eea", "EMEA": "emea", "APAC": "apac", "LATAM": "latam",
	"DACH": "dach", "CEE": "cee", "MENA": "mena"}
