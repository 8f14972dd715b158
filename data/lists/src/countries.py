from mk import write
write("countries.tsv", """
Countries: common Hindi and English names used in news, in addition to CLDR and iso-codes.
Source: written by the khabar team from general knowledge (Hindi news usage), 2022-2026; public facts.
Columns: id_hint, type, kind, name_en, name_hi, aliases_en (|), aliases_hi (|), country, role, parent.
""", """
;place;country;United States;अमेरिका;USA|U.S.|U.S.A.|United States of America|America|the US;अमरीका|संयुक्त राज्य अमेरिका|यूएसए|यूएस|अमेरीका
;place;country;United Kingdom;ब्रिटेन;UK|U.K.|Britain|Great Britain;यूनाइटेड किंगडम|यूके|ग्रेट ब्रिटेन|इंग्लैंड
;place;country;Russia;रूस;Russian Federation;रशिया|रूसी संघ|रुस
;place;country;China;चीन;People's Republic of China|PRC;चाइना|पीपुल्स रिपब्लिक ऑफ चाइना|चीनी जनवादी गणराज्य
;place;country;India;भारत;Republic of India|Hindustan;हिंदुस्तान|हिन्दुस्तान|इंडिया|भारत गणराज्य
;place;country;Pakistan;पाकिस्तान;Islamic Republic of Pakistan;पाक
;place;country;Bangladesh;बांग्लादेश;;बांग्लादेश|बंग्लादेश
;place;country;Nepal;नेपाल;;
;place;country;Sri Lanka;श्रीलंका;Ceylon;श्री लंका
;place;country;Bhutan;भूटान;;
;place;country;Myanmar (Burma);म्यांमार;Myanmar|Burma;म्यांमार|बर्मा|म्यानमार
;place;country;Afghanistan;अफगानिस्तान;;अफ़ग़ानिस्तान|अफगानिस्तान|अफ़गानिस्तान
;place;country;Maldives;मालदीव;;
;place;country;Kazakhstan;कजाखस्तान;Qazaqstan;कज़ाख़स्तान|कजाकिस्तान|कज़ाकिस्तान|कज़ाखस्तान|कजाखिस्तान
;place;country;Kyrgyzstan;किर्गिस्तान;Kyrgyz Republic|Kirghizia;किर्गिज़स्तान|किर्गिजस्तान|किर्गिज़िस्तान|किरगिस्तान|किर्गिज गणराज्य
;place;country;Tajikistan;ताजिकिस्तान;;ताजिकस्तान
;place;country;Uzbekistan;उज्बेकिस्तान;;उज़्बेकिस्तान|उजबेकिस्तान
;place;country;Turkmenistan;तुर्कमेनिस्तान;;
;place;country;Belarus;बेलारूस;Byelorussia;बेलारुस|बेलोरूस
;place;country;Ukraine;यूक्रेन;;युक्रेन|उक्रेन
;place;country;Georgia;जॉर्जिया;;जार्जिया
;place;country;Armenia;आर्मेनिया;;अर्मेनिया|आर्मीनिया
;place;country;Azerbaijan;अजरबैजान;;अज़रबैजान|आज़रबाइजान
;place;country;Moldova;मोल्दोवा;;मॉल्डोवा|माल्दोवा
;place;country;Türkiye;तुर्की;Turkey|Turkiye;तुर्किये|टर्की|तुर्किए
;place;country;Iran;ईरान;Persia|Islamic Republic of Iran;इरान
;place;country;Iraq;इराक;;इराक़
;place;country;Israel;इजराइल;;इज़राइल|इस्राइल|इसराइल|इस्राएल|इज़रायल|इजरायल
;place;country;Palestinian Territories;फिलिस्तीन;Palestine|State of Palestine;फ़िलिस्तीन|फलस्तीन|फ़लस्तीन|पैलेस्टाइन
;place;country;Saudi Arabia;सऊदी अरब;KSA;सउदी अरब|साउदी अरब
;place;country;United Arab Emirates;संयुक्त अरब अमीरात;UAE|Emirates;यूएई
;place;country;Qatar;कतर;;क़तर
;place;country;Syria;सीरिया;;
;place;country;Lebanon;लेबनान;;
;place;country;Jordan;जॉर्डन;;जार्डन
;place;country;Egypt;मिस्र;;इजिप्ट|मिश्र
;place;country;Yemen;यमन;;
;place;country;Oman;ओमान;;
;place;country;Kuwait;कुवैत;;
;place;country;Bahrain;बहरीन;;
;place;country;Japan;जापान;;
;place;country;South Korea;दक्षिण कोरिया;Republic of Korea|ROK;द. कोरिया
;place;country;North Korea;उत्तर कोरिया;DPRK;उत्तरी कोरिया
;place;country;Taiwan;ताइवान;;
;place;country;Germany;जर्मनी;;
;place;country;France;फ्रांस;;फ़्रांस
;place;country;Italy;इटली;;
;place;country;Spain;स्पेन;;
;place;country;Poland;पोलैंड;;
;place;country;Netherlands;नीदरलैंड;Holland;हॉलैंड|नीदरलैंड्स
;place;country;Greece;ग्रीस;;यूनान
;place;country;Czechia;चेक गणराज्य;Czech Republic;चेकिया
;place;country;Switzerland;स्विट्जरलैंड;;स्विट्ज़रलैंड|स्विटजरलैंड
;place;country;Canada;कनाडा;;
;place;country;Mexico;मेक्सिको;;मैक्सिको
;place;country;Brazil;ब्राजील;;ब्राज़ील
;place;country;Argentina;अर्जेंटीना;;
;place;country;Australia;ऑस्ट्रेलिया;;आस्ट्रेलिया
;place;country;New Zealand;न्यूजीलैंड;;न्यूज़ीलैंड
;place;country;South Africa;दक्षिण अफ्रीका;;दक्षिण अफ़्रीका
;place;country;Nigeria;नाइजीरिया;;
;place;country;Ethiopia;इथियोपिया;;
;place;country;Kenya;केन्या;;
;place;country;Indonesia;इंडोनेशिया;;
;place;country;Malaysia;मलेशिया;;
;place;country;Singapore;सिंगापुर;;
;place;country;Thailand;थाईलैंड;;थाइलैंड
;place;country;Vietnam;वियतनाम;Viet Nam;वियतनाम
;place;country;Philippines;फिलीपींस;;फ़िलीपींस|फिलिपींस
;place;country;Mongolia;मंगोलिया;;
;place;country;Venezuela;वेनेजुएला;;वेनेज़ुएला
;place;country;Colombia;कोलंबिया;;
;place;country;Chile;चिली;;
;place;country;Cuba;क्यूबा;;
;place;country;Vatican City;वेटिकन;Vatican|Holy See;वेटिकन सिटी|होली सी
""")
