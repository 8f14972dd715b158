rows = """
India;Indian;भारतीय
Russia;Russian;रूसी
China;Chinese;चीनी
United States;American|US;अमेरिकी|अमरीकी|अमेरिकन
United Kingdom;British|UK;ब्रिटिश|ब्रितानी
Pakistan;Pakistani;पाकिस्तानी|पाक
Bangladesh;Bangladeshi;बांग्लादेशी
Nepal;Nepali|Nepalese;नेपाली
Sri Lanka;Sri Lankan;श्रीलंकाई
Afghanistan;Afghan;अफगान|अफ़ग़ान|अफगानी
Bhutan;Bhutanese;भूटानी
Myanmar (Burma);Myanmar|Burmese;म्यांमारी|बर्मी
Maldives;Maldivian;मालदीवी|मालदीवियन
Kazakhstan;Kazakh|Kazakhstani;कज़ाख|कजाख|कज़ाख़|कजाखस्तानी|कज़ाख़स्तानी
Kyrgyzstan;Kyrgyz;किर्गिज़|किर्गिज|किर्गिस्तानी
Tajikistan;Tajik;ताजिक
Uzbekistan;Uzbek;उज़्बेक|उज्बेक
Turkmenistan;Turkmen;तुर्कमेन
Belarus;Belarusian;बेलारूसी|बेलारूसियन
Ukraine;Ukrainian;यूक्रेनी|यूक्रेनियन
Georgia;Georgian;जॉर्जियाई
Armenia;Armenian;आर्मेनियाई|अर्मेनियाई
Azerbaijan;Azerbaijani|Azeri;अज़रबैजानी|अजरबैजानी
Moldova;Moldovan;मोल्दोवाई
Türkiye;Turkish;तुर्की|तुर्क
Iran;Iranian;ईरानी
Iraq;Iraqi;इराकी
Israel;Israeli;इजराइली|इज़राइली|इजरायली|इस्राइली
Palestinian Territories;Palestinian;फिलिस्तीनी|फ़िलिस्तीनी|फलस्तीनी
Saudi Arabia;Saudi;सऊदी
United Arab Emirates;Emirati;अमीराती
Qatar;Qatari;कतरी
Syria;Syrian;सीरियाई
Lebanon;Lebanese;लेबनानी
Jordan;Jordanian;जॉर्डनियन
Egypt;Egyptian;मिस्री
Yemen;Yemeni;यमनी
Japan;Japanese;जापानी
South Korea;South Korean|Korean;दक्षिण कोरियाई|कोरियाई
North Korea;North Korean;उत्तर कोरियाई
Taiwan;Taiwanese;ताइवानी
Germany;German;जर्मन
France;French;फ्रांसीसी|फ़्रांसीसी
Italy;Italian;इतालवी|इटैलियन
Spain;Spanish;स्पेनिश|स्पेनी
Poland;Polish;पोलिश
Netherlands;Dutch;डच
Greece;Greek;यूनानी|ग्रीक
Canada;Canadian;कनाडाई
Mexico;Mexican;मैक्सिकन|मेक्सिकन
Brazil;Brazilian;ब्राजीली|ब्राज़ीली
Argentina;Argentine|Argentinian;अर्जेंटीनी
Australia;Australian;ऑस्ट्रेलियाई
New Zealand;New Zealander;न्यूजीलैंडी
South Africa;South African;दक्षिण अफ्रीकी
Nigeria;Nigerian;नाइजीरियाई
Kenya;Kenyan;केन्याई
Ethiopia;Ethiopian;इथियोपियाई
Indonesia;Indonesian;इंडोनेशियाई
Malaysia;Malaysian;मलेशियाई
Singapore;Singaporean;सिंगापुरी
Thailand;Thai;थाई
Vietnam;Vietnamese;वियतनामी
Philippines;Filipino|Philippine;फिलिपीनी|फिलीपीनी
Mongolia;Mongolian;मंगोलियाई|मंगोल
Venezuela;Venezuelan;वेनेजुएलाई
Cuba;Cuban;क्यूबाई
Switzerland;Swiss;स्विस
Sweden;Swedish;स्वीडिश
Norway;Norwegian;नॉर्वेजियन
Finland;Finnish;फिनिश
Denmark;Danish;डेनिश
Ireland;Irish;आयरिश
Portugal;Portuguese;पुर्तगाली
Hungary;Hungarian;हंगेरियन
Austria;Austrian;ऑस्ट्रियाई
Belgium;Belgian;बेल्जियाई
Czechia;Czech;
Romania;Romanian;रोमानियाई
Serbia;Serbian|Serb;सर्बियाई
Libya;Libyan;लीबियाई
Sudan;Sudanese;सूडानी
Somalia;Somali;सोमाली
Oman;Omani;ओमानी
Kuwait;Kuwaiti;कुवैती
Bahrain;Bahraini;बहरीनी
Europe;European;यूरोपीय|यूरोपियन
Africa;African;अफ्रीकी|अफ़्रीकी
Asia;Asian;एशियाई
Soviet Union;Soviet;सोवियत
Kashmir;Kashmiri;कश्मीरी
Punjab;Punjabi;पंजाबी
Bihar;Bihari;बिहारी
Gujarat;Gujarati;गुजराती
West Bengal;Bengali;बंगाली
Tamil Nadu;Tamil;तमिल
Kerala;Keralite|Malayali;मलयाली|केरलवासी
Maharashtra;Maharashtrian|Marathi;मराठी
"""
out = ["# Demonyms and adjectives of places (linking treats them as related mentions, not the place).",
       "# Source: written by the khabar team from general knowledge (Hindi and English news usage); public facts.",
       "country_en\tdemonyms_en\tdemonyms_hi"]
for l in rows.strip().splitlines():
    out.append('\t'.join(c.strip() for c in l.split(';')))
open('/work/main/data/lists/demonyms.tsv','w').write('\n'.join(out)+'\n')
